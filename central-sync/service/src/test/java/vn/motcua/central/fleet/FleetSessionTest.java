package vn.motcua.central.fleet;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.central.CentralConfig;
import vn.motcua.central.KioskProbe;
import vn.motcua.testsupport.Mosquitto;
import vn.motcua.central.web.Principal;
import vn.motcua.central.web.Role;
import vn.motcua.central.command.CommandRecord;
import vn.motcua.central.command.CommandService;
import vn.motcua.central.command.CommandStore;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.CommandResult;
import vn.motcua.protocol.message.KioskStatus;
import vn.motcua.protocol.message.Telemetry;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fleet connection's persistent session, against a real Mosquitto. */
class FleetSessionTest {
    private static final String SITE = "site-session";
    private static final String KIOSK = "kiosk-session-1";
    private static final Principal OPERATOR = new Principal("truc-dem", Role.OPERATOR, "csrf");

    @TempDir
    Path dir;
    private Mosquitto broker;
    private ApplicationContext ctx;
    private KioskProbe kiosk;

    @BeforeEach
    void start() throws Exception {
        broker = new Mosquitto().start();
        Map<String, Object> props = new HashMap<>();
        props.put("central.mqtt.url", broker.url());
        props.put("central.mqtt.reconnect-min-delay", "100ms");
        props.put("central.mqtt.reconnect-max-delay", "1s");
        props.put("central.instance-id", "session-test");
        props.put("central.commands.signing-key-file", dir.resolve("command-signing.key").toString());
        props.put("central.db.url", "jdbc:sqlite:" + dir.resolve("central.db"));
        ctx = ApplicationContext.run(props);
        ctx.getBean(EventStore.class).recordStatus(SITE, KIOSK, new KioskStatus(true, "0.1.0", "boot-1",
                OffsetDateTime.now()));
        kiosk = new KioskProbe(broker.url(), "probe-" + KIOSK);
        await("fleet connection subscribed").atMost(Duration.ofSeconds(20)).until(fleet()::isReady);
    }

    @AfterEach
    void stop() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
        if (ctx != null) {
            ctx.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private FleetMqttClient fleet() {
        return ctx.getBean(FleetMqttClient.class);
    }

    @Test
    void givenCommandAnsweredWhileCentralIsDown_whenCentralComesBack_thenTheResultShows() throws Exception {
        CommandRecord sent = ctx.getBean(CommandService.class).issue(OPERATOR, new KioskKey(SITE, KIOSK),
                "print_test_ticket", Map.of());
        CommandStore commands = ctx.getBean(CommandStore.class);
        assertEquals(CommandRecord.PENDING, commands.find(sent.id()).orElseThrow().state());

        fleet().stop();
        kiosk.publish(Topics.of(SITE, KIOSK, Topics.CMD_RESULT), new CommandResult(sent.id(), true, "test ticket printed"),
                1);
        await("nobody takes the result while central is down").during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2)).until(() -> commands.find(sent.id()).orElseThrow().ok() == null);

        fleet().start();
        await("result kept by the broker arrives").atMost(Duration.ofSeconds(20))
                .until(() -> "ok".equals(commands.find(sent.id()).orElseThrow().state()));
        assertEquals("test ticket printed", commands.find(sent.id()).orElseThrow().message());
    }

    @Test
    void givenQos1TelemetryWhileCentralIsDown_whenCentralComesBack_thenTheReadingIsStored() throws Exception {
        TelemetryStore telemetry = ctx.getBean(TelemetryStore.class);
        assertNull(telemetry.all().get(new KioskKey(SITE, KIOSK)));
        fleet().stop();
        kiosk.publish(Topics.of(SITE, KIOSK, Topics.TELEMETRY), new Telemetry(OffsetDateTime.now(), 51.5, 0.4, 1L,
                2L, 40L, 100L, "paper_out", Map.of("A", 3), 0, 12L, 7L), 1);
        fleet().start();
        await("telemetry kept by the broker arrives").atMost(Duration.ofSeconds(20))
                .until(() -> telemetry.all().get(new KioskKey(SITE, KIOSK)) != null);
        assertEquals("paper_out", telemetry.all().get(new KioskKey(SITE, KIOSK)).printer());
    }

    @Test
    void givenForgedReplayedAndLateResults_whenTheyArrive_thenOnlyTheAddresseesFirstPendingAnswerIsRecorded()
            throws Exception {
        EventStore store = ctx.getBean(EventStore.class);
        // the same kiosk id at another site, and another kiosk of the same site
        store.recordStatus("site-other", KIOSK, new KioskStatus(true, "0.1.0", "boot-1", OffsetDateTime.now()));
        CommandRecord sent = ctx.getBean(CommandService.class).issue(OPERATOR, new KioskKey(SITE, KIOSK),
                "restart_app", Map.of());
        CommandStore commands = ctx.getBean(CommandStore.class);
        long now = System.currentTimeMillis();
        commands.insert(new CommandRecord("c-expired", KIOSK, SITE, "restart_app", "{}", "truc-dem", now - 60_000,
                now - 1, null, null, 0, CommandRecord.PENDING));

        kiosk.publish(Topics.of("site-other", KIOSK, Topics.CMD_RESULT), new CommandResult(sent.id(), false,
                "forged: other site"), 1);
        kiosk.publish(Topics.of(SITE, "kiosk-session-2", Topics.CMD_RESULT), new CommandResult(sent.id(), false,
                "forged: other kiosk"), 1);
        kiosk.publish(Topics.of(SITE, KIOSK, Topics.CMD_RESULT), new CommandResult("never-sent", true, "forged"), 1);
        kiosk.publish(Topics.of(SITE, KIOSK, Topics.CMD_RESULT), new CommandResult("c-expired", true, "too late"), 1);
        await("the forgeries are counted").atMost(Duration.ofSeconds(20)).until(() -> {
            Map<String, Long> r = store.stats().rejected();
            return r.getOrDefault("result_other_kiosk", 0L) == 2 && r.getOrDefault("result_unknown_command", 0L) == 1
                    && r.getOrDefault("result_expired", 0L) == 1;
        });
        assertEquals(CommandRecord.PENDING, commands.find(sent.id()).orElseThrow().state(), "nothing forged counts");
        assertEquals(CommandRecord.EXPIRED, commands.find("c-expired").orElseThrow().state());

        kiosk.publish(Topics.of(SITE, KIOSK, Topics.CMD_RESULT), new CommandResult(sent.id(), true, "restarted"), 1);
        await("the addressee's answer is recorded").atMost(Duration.ofSeconds(20))
                .until(() -> "ok".equals(commands.find(sent.id()).orElseThrow().state()));
        kiosk.publish(Topics.of(SITE, KIOSK, Topics.CMD_RESULT), new CommandResult(sent.id(), false, "replayed"), 1);
        await("the replay is counted").atMost(Duration.ofSeconds(20))
                .until(() -> store.stats().rejected().getOrDefault("result_already_answered", 0L) == 1);
        assertEquals("restarted", commands.find(sent.id()).orElseThrow().message(), "answered once");
    }

    @Test
    void givenCommandNobodyAnswers_whenItsExpiryPasses_thenItShowsExpiredNotPending() {
        CommandStore commands = ctx.getBean(CommandStore.class);
        long now = System.currentTimeMillis();
        commands.insert(new CommandRecord("c-late", KIOSK, SITE, "restart_app", "{}", "truc-dem", now - 60_000,
                now - 1, null, null, 0, CommandRecord.PENDING));
        commands.insert(new CommandRecord("c-fresh", KIOSK, SITE, "restart_app", "{}", "truc-dem", now,
                now + 60_000, null, null, 0, CommandRecord.PENDING));
        assertEquals(CommandRecord.EXPIRED, commands.find("c-late").orElseThrow().state());
        assertEquals(CommandRecord.PENDING, commands.find("c-fresh").orElseThrow().state());

        // the kiosk refuses an expired command, so an answer now is no answer of a pending command: refused
        assertEquals(CommandStore.ResultOutcome.EXPIRED,
                commands.recordResult(SITE, KIOSK, "c-late", false, "rejected: expired", now));
        assertEquals(CommandRecord.EXPIRED, commands.find("c-late").orElseThrow().state());
    }

    @Test
    void givenNoConfiguredIds_whenClientIdChosen_thenHostAndPortMakeItStable() {
        FleetConfig plain = ctx.getBean(FleetConfig.class);
        assertEquals("central-fleet-session-test", fleet().clientId());
        assertEquals("central-fleet-host-a-8080",
                FleetMqttClient.stableClientId(plain, new CentralConfig(""), "host-a", 8080));
        assertNull(FleetMqttClient.stableClientId(plain, new CentralConfig(""), "host-a", -1),
                "a random HTTP port names no stable session");
        FleetConfig named = new FleetConfig(plain.offlineAfter(), plain.alertOfflineAfter(), plain.evaluateEvery(),
                plain.streamEvery(), 90, 80, 50, 100, "fleet-hanoi-1", "central-fleet");
        assertEquals("fleet-hanoi-1", FleetMqttClient.stableClientId(named, new CentralConfig("x"), "host-a", 8080));
    }
}
