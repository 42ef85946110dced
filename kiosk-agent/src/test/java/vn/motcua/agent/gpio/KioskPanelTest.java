package vn.motcua.agent.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.counter.CounterService;
import vn.motcua.agent.counter.CounterSession;
import vn.motcua.agent.counter.SignIns;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.agent.printer.PrinterMonitor;
import vn.motcua.agent.printer.PrinterStatus;
import vn.motcua.agent.printer.TicketPrinter;
import vn.motcua.agent.queue.TicketDesk;
import vn.motcua.agent.status.KioskHealth;
import vn.motcua.agent.support.MutableClock;
import vn.motcua.agent.support.TempDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The physical panel on Pi4J's mock platform: button, LEDs, buzzer and paper sensor against a real agent. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskPanelTest implements TestPropertyProvider {
    @Inject
    Context pi4j;
    @Inject
    KioskPanel panel;
    @Inject
    MutableClock clock;
    @Inject
    Database db;
    @Inject
    PrinterMonitor monitor;
    @Inject
    TicketPrinter printer;
    @Inject
    TicketDesk desk;
    @Inject
    SignIns signIns;
    @Inject
    CounterService counters;
    @Inject
    KioskHealth health;
    @Inject
    Outbox outbox;

    private final Path folder = folder();
    /** The wiring, as firmware-config validates it and renders it into the boot config: three pins moved. */
    private final Path kioskYaml = kioskYaml("identity: {siteId: demo-site, kioskId: kiosk-01}\n"
            + "gpio: {ticketButton: 27, ledGreen: 16, paperSensor: 25, ratingButtons: [5, 6, 12]}\n");
    private final List<DigitalState> buzzer = new CopyOnWriteArrayList<>();

    private static Path folder() {
        try {
            return Files.createTempDirectory("printed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path kioskYaml(String text) {
        try {
            Path file = Files.createTempFile("kiosk", ".yaml");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("panel"),
                "agent.gpio.enabled", "true", "kiosk.config-file", kioskYaml.toString(), "agent.gpio.button-guard", "2s",
                "agent.gpio.default-service", "B", "agent.printer.folder", folder.toString(),
                "agent.gpio.rating-counter", "1", "agent.gpio.rating-guard", "20s");
    }

    @BeforeAll
    void listen() {
        DigitalOutput out = pi4j.registry().get("buzzer", DigitalOutput.class);
        out.addListener(e -> buzzer.add(e.state()));
    }

    private MockDigitalInput button() {
        return pi4j.registry().get("ticket-button", MockDigitalInput.class);
    }

    private MockDigitalInput paperSensor() {
        return pi4j.registry().get("paper-sensor", MockDigitalInput.class);
    }

    private DigitalState led(String id) {
        return pi4j.registry().get(id, DigitalOutput.class).state();
    }

    private List<String[]> ticketsOfB() {
        return db.transaction(c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT display, printed, print_problem FROM ticket "
                    + "WHERE service = 'B' ORDER BY rowid"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            return out;
        });
    }

    private void press() {
        button().mockState(DigitalState.LOW);
    }

    private void release() {
        button().mockState(DigitalState.HIGH);
    }

    private int address(String id) {
        return pi4j.registry().get(id, com.pi4j.io.gpio.digital.Digital.class).address().intValue();
    }

    @Test
    void givenPinsMovedInKioskYaml_whenAgentStarts_thenEachPeripheralIsOnThePinTheFileNames() {
        assertEquals(27, address("ticket-button"), "gpio.ticketButton");
        assertEquals(16, address("led-green"), "gpio.ledGreen");
        assertEquals(23, address("led-amber"), "gpio.ledAmber: the model's default");
        assertEquals(25, address("paper-sensor"), "gpio.paperSensor");
        assertEquals(List.of(5, 6, 12), List.of(address("rating-very_satisfied"), address("rating-satisfied"),
                address("rating-dissatisfied")), "gpio.ratingButtons, best level first");
    }

    @Test
    void givenPaper_whenButtonPressedWithBounceAndHeld_thenOneTicketPrintedOneBeepGreenLight() throws IOException {
        clock.advance(Duration.ofDays(1));
        release();
        int before = ticketsOfB().size();
        buzzer.clear();

        press();
        release();   // contact bounce: the guard time has not passed on the kiosk's clock
        press();
        release();
        press();     // then held down

        await().until(() -> ticketsOfB().size() == before + 1 && ticketsOfB().get(before)[1] != null);
        await().until(() -> buzzer.size() >= 2);
        String[] t = ticketsOfB().get(before);
        assertEquals("1", t[1], "printed");
        assertTrue(Files.exists(folder), "file printer folder");
        try (var files = Files.list(folder)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith(t[0] + "-")
                    && p.getFileName().toString().endsWith(".bin")));
        }
        assertEquals(List.of(DigitalState.HIGH, DigitalState.LOW), buzzer, "one beep");
        await().until(() -> panel.light() == KioskPanel.Light.GREEN);
        assertEquals(DigitalState.HIGH, led("led-green"));
        assertEquals(DigitalState.LOW, led("led-red"));

        clock.advance(Duration.ofSeconds(5));
        press();     // still held: no release since the ticket, so nothing new
        release();
        assertEquals(before + 1, ticketsOfB().size());
        press();     // a real second press after the guard time
        await().until(() -> ticketsOfB().size() == before + 2);
        release();
    }

    @Test
    void givenPaperSensorSaysOut_whenButtonPressed_thenRedLightAndTicketIssuedUnprinted() {
        clock.advance(Duration.ofDays(1));
        release();
        paperSensor().mockState(DigitalState.HIGH);
        await().until(() -> monitor.current().status() == PrinterStatus.PAPER_OUT);
        await().until(() -> panel.light() == KioskPanel.Light.RED);
        assertEquals(DigitalState.HIGH, led("led-red"));
        assertEquals(DigitalState.LOW, led("led-green"));

        int before = ticketsOfB().size();
        buzzer.clear();
        press();
        await().until(() -> ticketsOfB().size() == before + 1 && ticketsOfB().get(before)[1] != null);
        release();
        String[] t = ticketsOfB().get(before);
        assertEquals("0", t[1], "not printed");
        assertEquals("paper_out", t[2]);
        await().until(() -> buzzer.size() >= 6);
        assertEquals(List.of(DigitalState.HIGH, DigitalState.LOW, DigitalState.HIGH, DigitalState.LOW,
                DigitalState.HIGH, DigitalState.LOW), buzzer, "the fault pattern: three beeps");

        paperSensor().mockState(DigitalState.LOW);
        await().until(() -> panel.light() == KioskPanel.Light.GREEN);
        assertFalse(printer.refresh().blocksPrinting());
    }

    @Test
    void givenOutboxBacklogReportedAboveTheLimit_whenReported_thenAmberLightWithoutAnyPolling() {
        release();
        await().until(() -> panel.light() == KioskPanel.Light.GREEN);
        health.outboxBacklog(501);   // agent.gpio.backlog-amber is 500
        assertEquals(KioskPanel.Light.AMBER, panel.light(), "set on the reporter's thread, at once");
        assertEquals(DigitalState.HIGH, led("led-amber"));
        assertEquals(DigitalState.LOW, led("led-green"));

        health.outboxBacklog(db.transaction(outbox::backlog));
        assertEquals(KioskPanel.Light.GREEN, panel.light());
        assertEquals(DigitalState.HIGH, led("led-green"));
    }

    private List<String[]> ratings() {
        return db.transaction(c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ticket_id, counter, officer_id, level, scale "
                    + "FROM rating ORDER BY submitted_at, rowid"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)});
                }
            }
            return out;
        });
    }

    private void pressRating(String level) {
        MockDigitalInput in = pi4j.registry().get("rating-" + level, MockDigitalInput.class);
        in.mockState(DigitalState.HIGH);   // released (the mock starts low)
        in.mockState(DigitalState.LOW);
        in.mockState(DigitalState.HIGH);
    }

    @Test
    void givenServedTicket_whenRatingButtonPressed_thenRatingNamesCounterAndOfficerAndRepeatsAreIgnored() {
        clock.advance(Duration.ofDays(1));
        String ticketId = desk.issue("A", null, null).ticket().ticketId();
        CounterSession s = signIns.signIn("cb-nguyen-van-a", "1234", "1", java.net.InetAddress.getLoopbackAddress());
        assertEquals(ticketId, counters.callNext(s).ticketId());
        counters.finish(s);
        clock.advance(Duration.ofMinutes(1));
        int before = ratings().size();

        pressRating("satisfied");
        await().until(() -> ratings().size() == before + 1);
        pressRating("very_satisfied");   // the same citizen pressing again, within the guard time
        String[] r = ratings().get(before);
        assertEquals(ticketId, r[0]);
        assertEquals("1", r[1]);
        assertEquals("cb-nguyen-van-a", r[2]);
        assertEquals("satisfied", r[3]);
        assertEquals("3", r[4]);

        clock.advance(Duration.ofSeconds(30));
        pressRating("dissatisfied");     // nobody served since: an anonymous rating for the counter
        await().until(() -> ratings().size() == before + 2);
        String[] anonymous = ratings().get(before + 1);
        assertEquals(null, anonymous[0]);
        assertEquals("1", anonymous[1]);
        assertEquals("dissatisfied", anonymous[3]);
    }
}
