package vn.motcua.agent.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.CentralKeys;
import vn.motcua.agent.support.CentralStub;
import vn.motcua.testsupport.Mosquitto;
import vn.motcua.agent.support.TempDb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An SD card restored from an older copy numbers its new events with sequences central has acked before. A valid,
 * signed ack captured from the earlier history and replayed on the kiosk's ack topic answers no batch of the restored
 * kiosk, so it deletes none of its new events; central's answer to what the restored kiosk sends still works.
 */
class RestoredDatabaseAckReplayTest {
    private static final String SITE = "site-restore";
    private static final String KIOSK = "kiosk-01";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final CentralKeys keys = new CentralKeys();

    /** One run of the agent on the database file, started as the real application is, with its HTTP API. */
    private static final class Agent implements AutoCloseable {
        final EmbeddedServer server;
        final Api api;

        Agent(Map<String, Object> properties) {
            server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
            api = new Api(server.getURL());
        }

        JsonNode status() {
            return api.get("/api/status");
        }

        long status(String field) {
            return status().get(field).asLong();
        }

        void ticketsUntilSeq(long lastSeq) {
            await().atMost(WAIT).until(() -> status().get("broker").get("connected").asBoolean());
            while (status("lastSeq") < lastSeq) {
                api.ticket("A");
            }
        }

        @Override
        public void close() {
            ApplicationContext context = server.getApplicationContext();
            server.stop();
            if (context.isRunning()) {
                context.close();
            }
        }
    }

    private static void copyDatabase(Path from, Path to) throws Exception {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path source = Path.of(from + suffix);
            Path target = Path.of(to + suffix);
            if (Files.exists(source)) {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(target);
            }
        }
    }

    @Test
    void givenDatabaseRestoredFromAnOlderCopy_whenAnAckFromTheEarlierHistoryIsReplayed_thenItDeletesNothing()
            throws Exception {
        try (Mosquitto broker = new Mosquitto().start()) {
            Path db = Path.of(TempDb.newFile("restored"));
            Path backup = Path.of(db + ".backup");
            Map<String, Object> properties = Map.of(
                    "kiosk.db-file", db.toString(),
                    "kiosk.site-id", SITE,
                    "kiosk.kiosk-id", KIOSK,
                    "mqtt.url", broker.url(),
                    "agent.remote.public-key-file", keys.writePublicKey(CentralKeys.tempFolder("restore-keys")),
                    "agent.sync.enabled", true,
                    "agent.sync.ack-timeout", "1500ms",
                    "agent.sync.idle-wait", "200ms",
                    "agent.sync.reconnect-min-delay", "100ms",
                    "agent.sync.reconnect-max-delay", "500ms");

            try (Agent first = new Agent(properties)) {
                assertEquals(0, first.status("lastSeq"));
            }
            copyDatabase(db, backup);

            byte[] earlierAck;
            try (Agent earlier = new Agent(properties);
                 CentralStub central = new CentralStub(broker.url(), keys, SITE, KIOSK).autoAck(true)) {
                earlier.ticketsUntilSeq(3);
                await().atMost(WAIT).until(() -> earlier.status("outboxBacklog") == 0);
                assertEquals(3, earlier.status("lastAckSeq"));
                earlierAck = central.acksSent().get(central.acksSent().size() - 1);
            }

            copyDatabase(backup, db);
            try (Agent restored = new Agent(properties);
                 CentralStub central = new CentralStub(broker.url(), keys, SITE, KIOSK, 3)) {
                assertEquals(0, restored.status("lastSeq"), "the older copy numbers from the start again");
                restored.ticketsUntilSeq(3);
                await().atMost(WAIT).until(() -> central.received(3));

                central.publishOnAckTopic(earlierAck);

                await().atMost(WAIT).until(() -> restored.status("acksRefused") == 1);
                assertEquals(3, restored.status("outboxBacklog"), "the restored kiosk's new events are all kept");
                assertEquals(0, restored.status("lastAckSeq"));
                assertEquals(3, restored.status("lastSeq"));

                central.ack(3);
                await().atMost(WAIT).until(() -> restored.status("outboxBacklog") == 0);
                assertEquals(3, restored.status("lastAckSeq"));
                restored.api.ticket("A");
                assertEquals(4, restored.status("lastSeq"), "the kiosk keeps its own numbering");
                await().atMost(WAIT).until(() -> central.received(4));
            }
        }
    }
}
