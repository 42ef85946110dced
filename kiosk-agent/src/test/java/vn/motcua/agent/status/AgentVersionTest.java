package vn.motcua.agent.status;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class AgentVersionTest {
    /** The Maven project version, handed to the tests by surefire. */
    private static final String EXPECTED = System.getProperty("expected.agent.version");

    @Test
    void givenBuiltClasses_whenVersionRead_thenItIsTheMavenProjectVersion() {
        assertNotNull(EXPECTED, "surefire passes expected.agent.version");
        assertEquals(EXPECTED, AgentVersion.current());
    }

    @Test
    void givenNoConfiguredVersion_whenAgentStarts_thenStatusCarriesTheBuildVersion(@TempDir Path dir) {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("agent.sync.enabled", false,
                "kiosk.data-dir", dir.toString()), "version-check")) {
            assertEquals(EXPECTED, ctx.getBean(HostInfo.class).version());
        }
    }

    @Test
    void givenConfiguredVersion_whenAgentStarts_thenItOverridesTheBuildVersion(@TempDir Path dir) {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("agent.sync.enabled", false,
                "kiosk.data-dir", dir.toString(), "kiosk.version", "2.3.4-pi"), "version-check")) {
            assertEquals("2.3.4-pi", ctx.getBean(HostInfo.class).version());
        }
    }

    @Test
    void givenUnfilteredOrMissingResource_whenRead_thenUnknownNotAPlaceholder() {
        assertEquals(AgentVersion.UNKNOWN, AgentVersion.fromResource(null));
        assertEquals(AgentVersion.UNKNOWN, AgentVersion.fromResource(new ByteArrayInputStream(
                "version=${project.version}\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals("1.2.0", AgentVersion.fromResource(new ByteArrayInputStream(
                "version=1.2.0\n".getBytes(StandardCharsets.UTF_8))));
    }
}
