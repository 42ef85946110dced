package vn.motcua.agent.sync;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.agent.support.CentralKeys;
import vn.motcua.agent.support.CentralStub;
import vn.motcua.testsupport.Mosquitto;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.event.Priority;
import vn.motcua.protocol.event.TicketIssued;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Days offline leave a large backlog; once the broker is back it must drain quickly, in order, all of it. Central
 * (the stub) may connect a moment after the agent and miss the first batches: the ack timeout then resends them.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacklogDrainTest implements TestPropertyProvider {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogDrainTest.class);
    private static final int EVENTS = 100_000;

    private Mosquitto broker;
    private final CentralKeys keys = new CentralKeys();

    @Inject
    Database db;
    @Inject
    Outbox outbox;
    @Inject
    MqttTransport transport;

    @Override
    public Map<String, String> getProperties() {
        broker = new Mosquitto(Mosquitto.freePort());
        return Map.of(
                "kiosk.db-file", TempDb.newFile("drain"),
                "kiosk.site-id", "site-drain",
                "kiosk.kiosk-id", "kiosk-drain",
                "mqtt.url", broker.url(),
                "agent.remote.public-key-file", keys.writePublicKey(CentralKeys.tempFolder("drain-keys")),
                "agent.sync.enabled", "true",
                "agent.sync.ack-timeout", "2s",
                "agent.sync.reconnect-min-delay", "100ms",
                "agent.sync.reconnect-max-delay", "200ms");
    }

    @AfterAll
    void stopBroker() {
        broker.stop();
    }

    @Test
    void givenHundredThousandQueuedEvents_whenBrokerComesBack_thenAllAreDeliveredAndAcked()
            throws Exception {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-23T08:00:00+07:00");
        db.transaction(c -> {
            for (int i = 1; i <= EVENTS; i++) {
                outbox.append(c, new TicketIssued(UUID.randomUUID().toString(), "A", 1 + i % 9999,
                        "A" + (1 + i % 9999), i % 7 == 0 ? Priority.ELDERLY : null), at);
            }
            return null;
        });
        assertEquals(false, transport.isConnected());

        long start = System.nanoTime();
        broker.start();
        try (CentralStub central = new CentralStub(broker.url(), keys, "site-drain", "kiosk-drain").autoAck(true)) {
            // the time is reported, not asserted: a shared machine may be slow; the bound only stops a stuck drain
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> db.transaction(outbox::lastAckSeq) == EVENTS);
            long ms = (System.nanoTime() - start) / 1_000_000;
            LOG.info("drained {} events in {} ms ({} batches received, {} events incl. resends)", EVENTS, ms,
                    central.batches().size(), central.events().size());
            assertEquals(0, db.transaction(outbox::backlog));
            assertTrue(central.rejected().isEmpty(), central.rejected().toString());
            for (long seq : new long[]{1, EVENTS / 2, EVENTS}) {
                assertTrue(central.received(seq), "seq " + seq);
            }
        }
    }
}
