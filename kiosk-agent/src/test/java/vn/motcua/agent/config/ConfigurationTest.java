package vn.motcua.agent.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.device.KioskConfigLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigurationTest {

    @Test
    void givenNoSettings_whenContextStarts_thenDefaultsApply(@TempDir Path dir) {
        // only the data folder is moved, so the test leaves no database behind in the working directory
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("agent.sync.enabled", false,
                "kiosk.data-dir", dir.toString()), "defaults-check")) {
            KioskSettings kiosk = ctx.getBean(KioskSettings.class);
            assertEquals("demo-site", kiosk.siteId());
            assertEquals("kiosk-01", kiosk.kioskId());
            assertEquals("Asia/Ho_Chi_Minh", kiosk.timeZone());
            assertEquals(null, kiosk.dbFile());
            assertEquals(dir.resolve("agent-kiosk-01.db"), kiosk.databasePath());
            assertTrue(Files.exists(dir.resolve("agent-kiosk-01.db")), "the database file is created at start-up");
            MqttSettings mqtt = ctx.getBean(MqttSettings.class);
            assertEquals("tcp://127.0.0.1:1883", mqtt.url());
            assertEquals(null, mqtt.username());
            SyncSettings sync = ctx.getBean(SyncSettings.class);
            assertEquals(500, sync.batchMaxEvents());
            assertEquals(204_800, sync.batchMaxBytes());
            assertEquals(16, sync.inflightMaxBatches());
            assertEquals(8000, sync.inflightMaxEvents());
            assertEquals(Duration.ofSeconds(10), sync.ackTimeout());
            assertEquals(Duration.ofSeconds(1), sync.reconnectMinDelay());
            assertEquals(Duration.ofSeconds(30), sync.reconnectMaxDelay());
            assertEquals(Duration.ofDays(1), sync.sessionExpiry());
        }
    }

    @Test
    void givenBadSyncSettings_whenValidated_thenEveryBadKeyIsNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new SyncSettings(true, 501, 300_000,
                4, 2000, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofDays(1), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("agent.sync.batch-max-events must be between 1 and 500, got 501"), e.getMessage());
        assertTrue(e.getMessage().contains("agent.sync.batch-max-bytes must be between 4096 and 262144, got 300000"), e.getMessage());
        assertTrue(e.getMessage().contains("agent.sync.ack-timeout must be a positive duration"), e.getMessage());
        assertTrue(e.getMessage().contains("agent.sync.reconnect-max-delay (PT1S) must not be below reconnect-min-delay (PT5S)"), e.getMessage());
    }

    @Test
    void givenBadIdentityOrBroker_whenValidated_thenTheKeyAndItsVariableAreNamed() {
        ConfigurationException kiosk = assertThrows(ConfigurationException.class,
                () -> new KioskSettings("bad site", "k/1", "Nowhere/Town", "./data", null, "/x", null));
        assertTrue(kiosk.getMessage().contains("kiosk.site-id (KIOSK_SITE_ID) 'bad site'"), kiosk.getMessage());
        assertTrue(kiosk.getMessage().contains("kiosk.kiosk-id (KIOSK_ID) 'k/1'"), kiosk.getMessage());
        assertTrue(kiosk.getMessage().contains("kiosk.time-zone (KIOSK_TIME_ZONE) 'Nowhere/Town'"), kiosk.getMessage());

        ConfigurationException mqtt = assertThrows(ConfigurationException.class,
                () -> new MqttSettings("http://broker:1883", null, null));
        assertTrue(mqtt.getMessage().startsWith("mqtt.url (MQTT_URL) 'http://broker:1883' must use tcp, ssl, ws or wss"),
                mqtt.getMessage());
    }

    @Test
    void givenBadEnvironmentValue_whenContextStarts_thenStartupFailsNamingTheKey() {
        BeanInstantiationException e = assertThrows(BeanInstantiationException.class,
                () -> ApplicationContext.run(Map.of("agent.sync.enabled", false, "kiosk.kiosk-id", "kiosk 01"),
                        "bad-id-check").close());
        assertTrue(e.getMessage().contains("kiosk.kiosk-id (KIOSK_ID) 'kiosk 01' must be 1-64 characters"), e.getMessage());
    }

    @Test
    void givenKioskYaml_whenMapped_thenItProvidesIdentityBrokerPortDataDirAndZone(@TempDir Path dir) throws Exception {
        Path password = dir.resolve("mqtt-password");
        Files.writeString(password, "s3cret\n");
        var config = KioskConfigLoader.parse("identity: {siteId: so-gddt, kioskId: kiosk-09}\n"
                + "broker: {url: 'ssl://broker.example:8883', username: kiosk-09, passwordFile: '" + password + "'}\n"
                + "agent: {httpPort: 8090, dataDir: " + dir + "}\ntimeZone: Asia/Bangkok\n", "kiosk.yaml");

        Map<String, Object> p = KioskYamlConfigurer.properties(config, "kiosk.yaml");

        assertEquals("so-gddt", p.get("kiosk.site-id"));
        assertEquals("kiosk-09", p.get("kiosk.kiosk-id"));
        assertEquals("ssl://broker.example:8883", p.get("mqtt.url"));
        assertEquals("kiosk-09", p.get("mqtt.username"));
        assertEquals("s3cret", p.get("mqtt.password"));
        assertEquals(8090, p.get("micronaut.server.port"));
        assertEquals(dir.toString(), p.get("kiosk.data-dir"));
        assertEquals("Asia/Bangkok", p.get("kiosk.time-zone"));
    }

    @Test
    void givenKioskYamlWithPinsAndPrinter_whenMapped_thenPanelReadsTheFileAndPrinterOpensUnderItsStableName() {
        var usb = KioskConfigLoader.parse("identity: {siteId: so-gddt, kioskId: kiosk-09}\n"
                + "gpio: {ticketButton: 27, paperSensor: 25}\n"
                + "printer: {port: /dev/usb/lp0, paperWidthMm: 58}\n", "kiosk.yaml");
        Map<String, Object> p = KioskYamlConfigurer.properties(usb, "kiosk.yaml");
        assertEquals(true, p.get("agent.gpio.enabled"));
        assertEquals("kiosk.yaml", p.get("kiosk.config-file"), "the GPIO peripherals read their pins from this file");
        assertFalse(p.keySet().stream().anyMatch(k -> k.startsWith("agent.gpio.") && k.contains("pin")),
                "no pin is copied into a second setting: " + p.keySet());
        assertEquals("device", p.get("agent.printer.kind"));
        assertEquals("/dev/kiosk-printer", p.get("agent.printer.device"));
        assertEquals(58, p.get("agent.printer.paper-width-mm"));

        var serial = KioskConfigLoader.parse("identity: {siteId: so-gddt, kioskId: kiosk-09}\n"
                + "printer: {port: /dev/ttyUSB0, baud: 115200}\n", "kiosk.yaml");
        p = KioskYamlConfigurer.properties(serial, "kiosk.yaml");
        assertEquals("serial", p.get("agent.printer.kind"));
        assertEquals("/dev/kiosk-printer", p.get("agent.printer.serial-port"));
        assertEquals(115200, p.get("agent.printer.baud-rate"));
    }

    @Test
    void givenKioskYamlAsSystemProperty_whenContextStarts_thenFileWinsOverDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, "identity: {siteId: so-gddt, kioskId: kiosk-09}\nagent: {dataDir: " + dir + "}\n");
        System.setProperty("kiosk.config-file", file.toString());
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("agent.sync.enabled", false), "yaml-check")) {
            KioskSettings kiosk = ctx.getBean(KioskSettings.class);
            assertEquals("kiosk-09", kiosk.kioskId());
            assertEquals(dir.resolve("agent-kiosk-09.db"), kiosk.databasePath());
        } finally {
            System.clearProperty("kiosk.config-file");
        }
    }
}
