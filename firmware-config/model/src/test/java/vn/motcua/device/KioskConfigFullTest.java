package vn.motcua.device;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KioskConfigFullTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(KioskConfigFullTest.class.getResource("/" + name).toURI());
    }

    @Test
    void givenFileWithEveryKey_whenLoaded_thenEverySectionIsRead() throws Exception {
        KioskConfig c = KioskConfigLoader.load(resource("kiosk-full.yaml"));

        assertEquals(new KioskConfig.Broker("ssl://broker.motcua.example:8883", "so-gddt-hn.kiosk-01",
                "/etc/kiosk/mqtt-password", "/etc/kiosk/ca.pem"), c.broker());
        assertEquals(new KioskConfig.Agent(8081, "/var/lib/kiosk-agent", 60), c.agent());
        assertEquals(List.of("0.vn.pool.ntp.org", "1.asia.pool.ntp.org"), c.time().ntpServers());
        assertEquals(new KioskConfig.Gpio(17, 22, 23, 24, 18, 25, List.of(5, 6, 13, 19, 26)), c.gpio());
        assertEquals(new KioskConfig.Printer("/dev/ttyUSB0", 9600, 80, "xprinter", "0416", "5011"), c.printer());
        assertEquals(new KioskConfig.Display("HDMI-A-1", 90, 1080, 1920, false), c.display());
        assertEquals(60, c.app().idleTimeoutSeconds());
        assertEquals(List.of("vi", "en"), c.app().languages());
        assertTrue(c.app().staffPinHash().startsWith("pbkdf2-sha256$210000$"));
        assertEquals(new KioskConfig.Jvm(96, 160), c.jvm());
        assertEquals(new KioskConfig.Ui("cage-gtk", KioskConfig.Ui.DEFAULT_JAVAFX_DIR), c.ui());
    }

    @Test
    void givenOnlyIdentity_whenParsed_thenHardwareDefaultsAreTheDocumentedWiring() {
        KioskConfig c = KioskConfigLoader.parse("identity: {siteId: s1, kioskId: k1}\n", "kiosk.yaml");

        assertEquals(KioskConfig.Gpio.defaults(), c.gpio());
        assertEquals(KioskConfig.Printer.defaults(), c.printer());
        assertFalse(c.printer().onUart());
        assertEquals(new KioskConfig.Display("HDMI-A-1", 0, 1920, 1080, false), c.display());
        assertNull(c.app().staffPinHash());
        assertEquals("cage-gtk", c.ui().runtime());
        assertEquals(60, c.agent().watchdogSeconds());
    }

    @Test
    void givenThreeRatingButtonsAndUartPrinter_whenParsed_thenAccepted() {
        KioskConfig c = KioskConfigLoader.parse("identity: {siteId: s1, kioskId: k1}\n"
                + "printer: {port: /dev/serial0, baud: 115200, paperWidthMm: 58}\n"
                + "gpio: {ratingButtons: [5, 6, 13]}\n", "kiosk.yaml");

        assertTrue(c.printer().onUart());
        assertEquals(List.of(5, 6, 13), c.gpio().ratingButtons());
    }

    @Test
    void givenLocalBrokerWithoutLogin_whenParsed_thenNoCredentialIsAsked() {
        KioskConfig c = KioskConfigLoader.parse("identity: {siteId: s1, kioskId: k1}\nbroker: {url: 'tcp://localhost:1883'}\n",
                "kiosk.yaml");
        assertNull(c.broker().username());
    }

    @Test
    void givenProblems_whenReported_thenTheyCarryTheirLinesInFileOrder() {
        KioskConfigException e = assertThrows(KioskConfigException.class, () -> KioskConfigLoader.parse(
                "identity: {siteId: s1, kioskId: k1}\ngpio:\n  buzzer: 40\ndisplay:\n  orientation: 45\n", "kiosk.yaml"));

        assertEquals(List.of(3, 5), e.problems().stream().map(ConfigProblem::line).toList());
        assertTrue(e.getMessage().contains("line 3: gpio.buzzer: GPIO 40 does not exist"), e.getMessage());
    }
}
