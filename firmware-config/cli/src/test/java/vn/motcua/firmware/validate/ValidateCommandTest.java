package vn.motcua.firmware.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.firmware.support.Cli;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateCommandTest {

    @Test
    void givenValidFile_whenValidated_thenExitZeroAndSaysValid() {
        Path file = Cli.resource("kiosk-full.yaml");
        Cli r = Cli.run("validate", file.toString());

        assertEquals(0, r.status(), r.err());
        assertEquals(file + ": valid\n", r.out());
    }

    @Test
    void givenFileWithFiveMistakes_whenValidated_thenEveryOneIsPrintedWithFileLineKeyAndAllowed(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, """
                identity: {siteId: so-gddt-hn, kioskId: kiosk-01}
                broker:
                  url: ssl://broker.motcua.example:8883
                gpio:
                  ticketButton: 17
                  buzzer: 17
                  ledRed: 40
                displya: {}
                """);

        Cli r = Cli.run("validate", file.toString());

        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertEquals(String.join("\n",
                file + ":3: broker.username: missing credential: a broker on another machine (broker.motcua.example)"
                        + " needs broker.username and broker.passwordFile (run firmware-config provision)",
                file + ":6: gpio.buzzer: GPIO 17 is already used by gpio.ticketButton (line 5); each pin may have one use",
                file + ":7: gpio.ledRed: GPIO 40 does not exist on the Raspberry Pi 40-pin header; allowed: BCM GPIO"
                        + " 2-27 (GPIO 0 and 1 are reserved for the HAT EEPROM)",
                file + ":8: displya: unknown key (allowed here: identity, broker, agent, timeZone, time, gpio, printer,"
                        + " display, app, jvm, ui)",
                file + ": 4 problems", ""), r.err());
    }

    @Test
    void givenMissingFile_whenValidated_thenItSaysTheFileCannotBeRead(@TempDir Path dir) {
        Cli r = Cli.run("validate", dir.resolve("nope.yaml").toString());

        assertEquals(1, r.status());
        assertTrue(r.err().contains("(root): cannot read the file"), r.err());
    }

    @Test
    void givenNoArguments_whenRun_thenUsageAndExitTwo() {
        Cli r = Cli.run();
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("usage: firmware-config validate"), r.err());
        assertEquals(2, Cli.run("render", Cli.resource("kiosk-full.yaml").toString()).status());
        assertEquals(2, Cli.run("frobnicate").status());
    }

    @Test
    void givenPinOnStdin_whenHashed_thenTheHashValidatesInKioskYamlAndHidesThePin(@TempDir Path dir) throws Exception {
        Cli r = Cli.withInput("2468\n", "hash-pin");
        assertEquals(0, r.status(), r.err());
        String hash = r.out().strip();
        assertTrue(hash.startsWith("pbkdf2-sha256$210000$"), hash);
        assertTrue(!hash.contains("2468"), hash);

        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, "identity: {siteId: s, kioskId: k}\napp: {staffPinHash: '" + hash + "'}\n");
        assertEquals(0, Cli.run("validate", file.toString()).status());
        assertEquals(1, Cli.withInput("12\n", "hash-pin").status());
    }
}
