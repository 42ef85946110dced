package vn.motcua.device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KioskConfigLoaderTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(KioskConfigLoaderTest.class.getResource("/" + name).toURI());
    }

    private static List<String> errorsOf(String yaml) {
        return assertThrows(KioskConfigException.class, () -> KioskConfigLoader.parse(yaml, "kiosk.yaml")).errors();
    }

    private static void assertOneError(String yaml, String expected) {
        List<String> errors = errorsOf(yaml);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains(expected), () -> "'" + errors.get(0) + "' should contain '" + expected + "'");
    }

    @Test
    void givenValidFile_whenLoaded_thenEveryFieldIsRead() throws Exception {
        KioskConfig config = KioskConfigLoader.load(resource("kiosk-valid.yaml"));

        assertEquals(new KioskConfig.Identity("so-gddt-hn", "kiosk-01"), config.identity());
        assertEquals(new KioskConfig.Broker("ssl://broker.motcua.example:8883", "kiosk-01", "/etc/kiosk/mqtt-password"),
                config.broker());
        assertEquals(new KioskConfig.Agent(8082, "/var/lib/kiosk-agent"), config.agent());
        assertEquals("Asia/Ho_Chi_Minh", config.timeZone());
    }

    @Test
    void givenOnlyIdentity_whenParsed_thenDefaultsFillTheRest() {
        KioskConfig config = KioskConfigLoader.parse("identity: {siteId: s1, kioskId: k_1}\n", "kiosk.yaml");

        assertEquals("tcp://127.0.0.1:1883", config.broker().url());
        assertNull(config.broker().username());
        assertNull(config.broker().passwordFile());
        assertEquals(8081, config.agent().httpPort());
        assertEquals("/var/lib/kiosk-agent", config.agent().dataDir());
        assertEquals("Asia/Ho_Chi_Minh", config.timeZone());
    }

    @Test
    void givenFileWithManyMistakes_whenLoaded_thenAllErrorsAreReportedAtOnce() throws Exception {
        KioskConfigException e = assertThrows(KioskConfigException.class,
                () -> KioskConfigLoader.load(resource("kiosk-broken.yaml")));

        List<String> errors = e.errors();
        assertEquals(6, errors.size(), errors.toString());
        assertTrue(errors.contains("brokr: unknown key (allowed here: identity, broker, agent, timeZone, time, gpio, printer, display, app, jvm, ui)"), errors.toString());
        assertTrue(errors.contains("identity.siteId: 'so gddt' must be 1-64 characters of A-Z a-z 0-9 _ -"), errors.toString());
        assertTrue(errors.contains("identity.kioskId: must be a string, not the number 01 (quote it)"), errors.toString());
        assertTrue(errors.stream().anyMatch(m -> m.startsWith("broker.url: 'http://broker.example:1883' has scheme 'http'; allowed: tcp, ssl, ws, wss")), errors.toString());
        assertTrue(errors.contains("agent.httpPort: 70000 is out of range 1-65535"), errors.toString());
        assertTrue(errors.contains("timeZone: 'Mars/Olympus' is not a time zone id (e.g. Asia/Ho_Chi_Minh)"), errors.toString());
        assertTrue(e.getMessage().startsWith(resource("kiosk-broken.yaml") + " is invalid:"), e.getMessage());
    }

    @Test
    void givenUnknownNestedKey_whenParsed_thenErrorNamesFullKeyAndAllowedKeys() {
        assertOneError("identity: {siteId: s, kioskId: k}\nbroker: {url: tcp://localhost:1883, pasword: x}\n",
                "broker.pasword: unknown key (allowed here: url, username, passwordFile, caCertFile)");
    }

    @Test
    void givenMissingIdentity_whenParsed_thenIdentityIsRequired() {
        assertOneError("agent: {httpPort: 8081}\n", "identity: is required (with siteId and kioskId)");
    }

    @Test
    void givenMissingKioskId_whenParsed_thenKioskIdIsRequired() {
        assertOneError("identity: {siteId: s}\n", "identity.kioskId: is required");
    }

    @Test
    void givenTooLongId_whenParsed_thenIdRuleIsNamed() {
        assertOneError("identity: {siteId: s, kioskId: " + "k".repeat(65) + "}\n",
                "identity.kioskId: '" + "k".repeat(65) + "' must be 1-64 characters of A-Z a-z 0-9 _ -");
    }

    @Test
    void givenEachAllowedScheme_whenParsed_thenAccepted() {
        for (String scheme : List.of("tcp", "ssl", "ws", "wss")) {
            KioskConfig config = KioskConfigLoader.parse(
                    "identity: {siteId: s, kioskId: k}\nbroker: {url: '" + scheme + "://127.0.0.1:1883'}\n", "kiosk.yaml");
            assertEquals(scheme + "://127.0.0.1:1883", config.broker().url());
        }
    }

    @Test
    void givenUrlWithoutHost_whenParsed_thenHostIsAskedFor() {
        assertOneError("identity: {siteId: s, kioskId: k}\nbroker: {url: 'tcp:/nohost'}\n",
                "broker.url: 'tcp:/nohost' has no host");
    }

    @Test
    void givenPortAsText_whenParsed_thenIntegerIsAskedFor() {
        assertOneError("identity: {siteId: s, kioskId: k}\nagent: {httpPort: '8081'}\n",
                "agent.httpPort: must be an integer, not a string");
    }

    @Test
    void givenPortZero_whenParsed_thenRangeIsNamed() {
        assertOneError("identity: {siteId: s, kioskId: k}\nagent: {httpPort: 0}\n",
                "agent.httpPort: 0 is out of range 1-65535");
    }

    @Test
    void givenSectionAsList_whenParsed_thenMappingIsAskedFor() {
        assertOneError("identity: {siteId: s, kioskId: k}\nbroker: [tcp://h:1883]\n",
                "broker: must be a mapping with keys url, username, passwordFile, caCertFile, not a list");
    }

    @Test
    void givenDuplicateKey_whenParsed_thenYamlErrorIsReported() {
        assertOneError("identity: {siteId: s, kioskId: k}\ntimeZone: UTC\ntimeZone: UTC\n", "timeZone: appears twice (first at line 2)");
    }

    @Test
    void givenSyntaxError_whenParsed_thenYamlErrorIsReported() {
        assertOneError("identity: {siteId: s, kioskId: k\n", "not valid YAML");
    }

    @Test
    void givenEmptyFile_whenParsed_thenRootMappingIsAskedFor() {
        assertOneError("", "(root): must be a mapping");
    }

    @Test
    void givenMissingFile_whenLoaded_thenReadErrorNamesTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("kiosk.yaml");
        KioskConfigException e = assertThrows(KioskConfigException.class, () -> KioskConfigLoader.load(missing));
        assertTrue(e.getMessage().startsWith(missing + " is invalid"), e.getMessage());
        assertTrue(e.errors().get(0).startsWith("(root): cannot read the file"), e.errors().toString());
        assertTrue(Files.notExists(missing));
    }
}
