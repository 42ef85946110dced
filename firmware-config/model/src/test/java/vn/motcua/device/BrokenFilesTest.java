package vn.motcua.device;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every file under broken/ ends with {@code # expect: line N: key: message} lines: exactly those problems, in that
 * order, must be reported — all of them from one load.
 */
class BrokenFilesTest {

    static Stream<Path> brokenFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(BrokenFilesTest.class.getResource("/broken").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void givenBrokenFile_whenLoaded_thenEveryExpectedProblemIsReportedWithLineKeyAndAllowedValues(Path file)
            throws IOException {
        List<String> expected = Files.readAllLines(file).stream().filter(l -> l.startsWith("# expect: "))
                .map(l -> l.substring("# expect: ".length())).toList();
        KioskConfigException e = assertThrows(KioskConfigException.class, () -> KioskConfigLoader.load(file));
        assertFalse(expected.isEmpty(), () -> file + " has no '# expect:' lines; it reports:\n" + e.getMessage());

        assertEquals(String.join("\n", expected),
                String.join("\n", e.problems().stream().map(ConfigProblem::toString).toList()));
    }
}
