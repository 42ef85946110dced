package vn.motcua.app;

import org.junit.jupiter.api.Test;
import vn.motcua.app.shell.Lang;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppConfigTest {
    @Test
    void givenNoEnvironment_thenDefaults() {
        AppConfig c = AppConfig.fromEnvironment(Map.of());
        assertEquals("http://127.0.0.1:8081", c.agentUrl().toString());
        assertEquals(Duration.ofSeconds(60), c.idleTimeout());
        assertTrue(c.fullScreen());
    }

    @Test
    void givenEnvironment_thenRead() {
        AppConfig c = AppConfig.fromEnvironment(Map.of("AGENT_HTTP_PORT", "9000", "KIOSK_IDLE_TIMEOUT_SECONDS", "90",
                "KIOSK_WINDOW", "1080x1920", "KIOSK_STAFF_PIN", "97531"));
        assertEquals("http://127.0.0.1:9000", c.agentUrl().toString());
        assertEquals(Duration.ofSeconds(90), c.idleTimeout());
        assertEquals(1080, c.windowWidth());
        assertEquals(1920, c.windowHeight());
        assertEquals("97531", c.staffPin());
    }

    @Test
    void givenBadValues_thenErrorNamesTheVariable() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> AppConfig.fromEnvironment(Map.of("KIOSK_IDLE_TIMEOUT_SECONDS", "soon")));
        assertTrue(e.getMessage().contains("KIOSK_IDLE_TIMEOUT_SECONDS"));
        e = assertThrows(IllegalArgumentException.class, () -> AppConfig.fromEnvironment(Map.of("KIOSK_STAFF_PIN", "12")));
        assertTrue(e.getMessage().contains("KIOSK_STAFF_PIN"));
        e = assertThrows(IllegalArgumentException.class, () -> AppConfig.fromEnvironment(Map.of("KIOSK_WINDOW", "big")));
        assertTrue(e.getMessage().contains("KIOSK_WINDOW"));
    }

    @Test
    void givenKioskYamlWithPinHash_thenIdleTimeoutAndHashComeFromIt_andOnlyTheRightPinOpens(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] salt = "kiosk-salt-16byt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec("2468".toCharArray(), salt, 1000, 256)).getEncoded();
        String stored = "pbkdf2-sha256$1000$" + java.util.Base64.getEncoder().encodeToString(salt) + "$"
                + java.util.Base64.getEncoder().encodeToString(hash);
        java.nio.file.Path yaml = dir.resolve("kiosk.yaml");
        java.nio.file.Files.writeString(yaml, "identity: {siteId: so-gddt, kioskId: kiosk-01}\n"
                + "app: {idleTimeoutSeconds: 45, staffPinHash: '" + stored + "'}\n");

        AppConfig c = AppConfig.fromEnvironment(Map.of("KIOSK_CONFIG", yaml.toString()));

        assertEquals(Duration.ofSeconds(45), c.idleTimeout());
        assertEquals(stored, c.staffPin());
        assertTrue(vn.motcua.app.staff.StaffPin.matches(c.staffPin(), "2468"));
        org.junit.jupiter.api.Assertions.assertFalse(vn.motcua.app.staff.StaffPin.matches(c.staffPin(), "2469"));
        org.junit.jupiter.api.Assertions.assertFalse(vn.motcua.app.staff.StaffPin.matches(c.staffPin(), stored));
        org.junit.jupiter.api.Assertions.assertFalse(vn.motcua.app.staff.StaffPin.matches("2580", "258"));
    }

    @Test
    void givenLanguages_thenTheFirstIsWhereTheScreenStarts_andUnknownOnesAreRefused(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertEquals(java.util.List.of(Lang.VI, Lang.EN), AppConfig.fromEnvironment(Map.of()).languages());
        assertEquals(java.util.List.of(Lang.EN, Lang.VI),
                AppConfig.fromEnvironment(Map.of("KIOSK_LANGUAGES", " en , vi ")).languages());
        assertEquals(java.util.List.of(Lang.VI), AppConfig.fromEnvironment(Map.of("KIOSK_LANGUAGES", "vi")).languages());
        for (String bad : java.util.List.of("fr", "", "vi,vi")) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> AppConfig.fromEnvironment(Map.of("KIOSK_LANGUAGES", bad)), bad);
            assertTrue(e.getMessage().contains("KIOSK_LANGUAGES"), e.getMessage());
        }

        java.nio.file.Path yaml = dir.resolve("kiosk.yaml");
        java.nio.file.Files.writeString(yaml, "identity: {siteId: so-gddt, kioskId: kiosk-01}\n"
                + "app: {languages: [vi]}\n");
        assertEquals(java.util.List.of(Lang.VI),
                AppConfig.fromEnvironment(Map.of("KIOSK_CONFIG", yaml.toString())).languages());
        assertEquals(java.util.List.of(Lang.EN, Lang.VI), AppConfig.fromEnvironment(
                Map.of("KIOSK_CONFIG", yaml.toString(), "KIOSK_LANGUAGES", "en,vi")).languages(),
                "the variable overrides kiosk.yaml");
    }

    @Test
    void givenKioskYamlTimeZone_thenTheScreenUsesIt_andKioskTimeZoneOverridesIt(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertEquals(java.time.ZoneId.of("Asia/Ho_Chi_Minh"), AppConfig.fromEnvironment(Map.of()).zone());
        java.nio.file.Path yaml = dir.resolve("kiosk.yaml");
        java.nio.file.Files.writeString(yaml, "identity: {siteId: so-gddt, kioskId: kiosk-01}\ntimeZone: Asia/Bangkok\n");
        assertEquals(java.time.ZoneId.of("Asia/Bangkok"),
                AppConfig.fromEnvironment(Map.of("KIOSK_CONFIG", yaml.toString())).zone());
        assertEquals(java.time.ZoneId.of("Asia/Tokyo"), AppConfig.fromEnvironment(
                Map.of("KIOSK_CONFIG", yaml.toString(), "KIOSK_TIME_ZONE", "Asia/Tokyo")).zone());
        var e = assertThrows(IllegalArgumentException.class,
                () -> AppConfig.fromEnvironment(Map.of("KIOSK_TIME_ZONE", "Mars/Olympus")));
        assertTrue(e.getMessage().contains("KIOSK_TIME_ZONE"), e.getMessage());
    }

    @Test
    void givenIdleWarning_thenTheQuestionComesThatLongBefore_orHalfWayOnAShortTimeOut() {
        assertEquals(Duration.ofSeconds(15), AppConfig.fromEnvironment(Map.of()).idlePromptLead());
        assertEquals(Duration.ofSeconds(20), AppConfig.fromEnvironment(Map.of("KIOSK_IDLE_WARNING_SECONDS", "20"))
                .idlePromptLead());
        assertEquals(Duration.ofSeconds(10), AppConfig.fromEnvironment(Map.of("KIOSK_IDLE_TIMEOUT_SECONDS", "20"))
                .idlePromptLead());
        var e = assertThrows(IllegalArgumentException.class,
                () -> AppConfig.fromEnvironment(Map.of("KIOSK_IDLE_WARNING_SECONDS", "0")));
        assertTrue(e.getMessage().contains("KIOSK_IDLE_WARNING_SECONDS"), e.getMessage());
    }
}
