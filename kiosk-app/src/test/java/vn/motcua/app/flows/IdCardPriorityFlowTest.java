package vn.motcua.app.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.motcua.app.shell.Lang;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.support.AgentProcess;
import vn.motcua.app.support.KioskHarness;
import vn.motcua.app.support.Snapshots;
import vn.motcua.app.ticket.TicketScreen;
import vn.motcua.screen.TicketView;
import vn.motcua.testsupport.Mosquitto;
import vn.motcua.testsupport.MqttProbe;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A citizen scans the QR code of their chip ID card at the ticket screen: from the site's priority age the ticket is
 * an elderly priority one. Nothing read from the card is kept: not in the agent's database, its log, the screen's
 * output, nor any MQTT message that reaches a real broker.
 */
class IdCardPriorityFlowTest {
    private static final DateTimeFormatter CARD_DATE = DateTimeFormatter.ofPattern("ddMMyyyy");
    private static final String ID_60 = "079066012345";
    private static final String OLD_ID_60 = "025123456";
    private static final String NAME_60 = "Nguyễn Thị Lan";
    private static final String ID_59 = "001067054321";
    private static final String NAME_59 = "Phạm Văn Hùng";
    private static final String ADDRESS = "12 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh";

    private Mosquitto broker;
    private MqttProbe probe;
    private AgentProcess agent;
    private KioskHarness kiosk;
    private PrintStream out;
    private PrintStream err;

    @AfterEach
    void cleanUp() throws Exception {
        if (out != null) {
            System.setOut(out);
            System.setErr(err);
        }
        if (kiosk != null) {
            kiosk.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (probe != null && probe.isConnected()) {
            probe.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static String card(String id, String oldId, String name, LocalDate born) {
        return id + "|" + oldId + "|" + name + "|" + CARD_DATE.format(born) + "|Nữ|" + ADDRESS + "|15082021";
    }

    @Test
    void givenCardsOfAge59And60AndAForeignCode_whenScanned_thenOnlyTheSixtyYearOldHasPriority_andNothingOfTheCardIsKept()
            throws Exception {
        ByteArrayOutputStream screenOutput = captureScreenOutput();
        broker = new Mosquitto().start();
        probe = MqttProbe.connect(broker.url(), "probe-" + UUID.randomUUID(), null, null);
        probe.subscribe("#");
        String kioskId = "idcard-" + UUID.randomUUID().toString().substring(0, 8);
        agent = new AgentProcess(kioskId).env("MQTT_URL", broker.url()).start();
        awaitAgentOnBroker();

        kiosk = KioskHarness.open(KioskHarness.testConfig(agent.url()), 1024, 600);
        kiosk.waitShowing("#homeScreen");
        kiosk.waitGone("#busyCover");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));

        // 60 tomorrow: not yet
        kiosk.tap("#tileTicket");
        scan(card(ID_59, "", NAME_59, today.minusYears(60).plusDays(1)));
        kiosk.waitShowing("#idCardMessage");
        assertTrue(kiosk.text("#idCardMessage").startsWith("Quý khách chưa đến tuổi ưu tiên (từ 60 tuổi)"),
                kiosk.text("#idCardMessage"));
        assertFalse(elderlyChosen(), "no priority for a 59-year-old");
        Snapshots.take(kiosk, "idcard-too-young-landscape-vi");
        TicketView young = issue("A");
        assertNull(young.priority());
        kiosk.tap("#ticketDone");

        // 60 today: elderly priority
        kiosk.tap("#tileTicket");
        scan(card(ID_60, OLD_ID_60, NAME_60, today.minusYears(60)));
        kiosk.waitShowing("#idCardMessage");
        assertEquals("Đã ghi nhận ưu tiên người cao tuổi. Mời quý khách chọn dịch vụ.", kiosk.text("#idCardMessage"));
        assertTrue(elderlyChosen(), "the elderly priority is chosen for the citizen");
        Snapshots.take(kiosk, "idcard-priority-landscape-vi");
        KioskHarness.run(() -> kiosk.kiosk().state().lang().set(Lang.EN));
        assertEquals("Elderly priority noted. Please choose a service.", kiosk.text("#idCardMessage"));
        Snapshots.take(kiosk, "idcard-priority-landscape-en");
        KioskHarness.run(() -> kiosk.kiosk().state().lang().set(Lang.VI));
        TicketView elderly = issue("B");
        assertEquals("elderly", elderly.priority());
        kiosk.tap("#ticketDone");

        // a link, not a card
        kiosk.tap("#tileTicket");
        scan("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html");
        kiosk.waitShowing("#idCardMessage");
        assertTrue(kiosk.text("#idCardMessage").startsWith("Mã vừa quét không phải mã QR của thẻ căn cước"),
                kiosk.text("#idCardMessage"));
        assertFalse(elderlyChosen());
        Snapshots.take(kiosk, "idcard-unreadable-landscape-vi");

        // the scanner's keys reached no text field: the rating screen's input is empty
        kiosk.tap("#homeButton");
        kiosk.tap("#tileRating");
        assertEquals("", kiosk.text("#ticketInput"));

        // both tickets reached the broker, the elderly one with its priority and nothing else of the card
        Awaitility.await("both tickets published").atMost(Duration.ofSeconds(60)).until(() ->
                published().contains(young.ticketId()) && published().contains(elderly.ticketId()));
        assertTrue(published().contains("\"priority\":\"elderly\""), published());

        Map<String, String> places = new LinkedHashMap<>();
        places.put("agent database", read(agent.dir().resolve("agent.db")));
        places.put("agent database WAL", read(agent.dir().resolve("agent.db-wal")));
        places.put("agent log", read(agent.dir().resolve("agent.log")));
        places.put("screen output", screenOutput.toString(StandardCharsets.UTF_8));
        places.put("MQTT payloads", published());
        assertTrue(places.get("agent database").length() > 0, "the database file is there to search");
        assertTrue(places.get("agent database").contains(elderly.ticketId())
                        || places.get("agent database WAL").contains(elderly.ticketId()),
                "the search can find what is there: the ticket's id");
        for (Map.Entry<String, String> place : places.entrySet()) {
            for (String secret : List.of(ID_60, ID_59, OLD_ID_60, NAME_60, NAME_59, ADDRESS)) {
                assertFalse(place.getValue().contains(secret), "'" + secret + "' found in the " + place.getKey());
            }
        }
    }

    /** A USB scanner is a keyboard: the code's text, then Enter. */
    private void scan(String text) {
        kiosk.robot().write(text).type(KeyCode.ENTER);
    }

    private boolean elderlyChosen() {
        return KioskHarness.call(() -> ((ToggleButton) kiosk.find("#priority-elderly").orElseThrow()).isSelected());
    }

    private TicketView issue(String service) {
        kiosk.tap("#service-" + service);
        kiosk.waitShowing("#ticketNumber");
        TicketScreen screen = (TicketScreen) kiosk.kiosk().navigator().screen(ScreenId.TICKET);
        return KioskHarness.call(() -> screen.model().ticket());
    }

    private String published() {
        return String.join("\n", probe.received());
    }

    /** A file's bytes as UTF-8 text (SQLite keeps text as UTF-8); empty when the file is not there. */
    private static String read(Path file) throws Exception {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    }

    /** What the screen writes to standard output and error during the test, still passed on to the console. */
    private ByteArrayOutputStream captureScreenOutput() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        out = System.out;
        err = System.err;
        System.setOut(new PrintStream(tee(out, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err, captured), true, StandardCharsets.UTF_8));
        return captured;
    }

    private static OutputStream tee(OutputStream a, ByteArrayOutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int x) {
                synchronized (b) {
                    b.write(x);
                }
                try {
                    a.write(x);
                } catch (java.io.IOException ignored) {
                    // the console is only a copy
                }
            }
        };
    }

    private void awaitAgentOnBroker() {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        Awaitility.await("the agent connected to the broker").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> {
                    JsonNode status = json.readTree(http.send(HttpRequest.newBuilder(
                            agent.url().resolve("/api/status")).GET().build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    return status.path("broker").path("connected").asBoolean(false);
                });
    }
}
