package vn.motcua.central.ingest;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.testsupport.Mosquitto;
import vn.motcua.central.TestEvents;
import vn.motcua.central.TestLogins;
import vn.motcua.central.TestMqttClient;
import vn.motcua.central.store.EventStore;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.broker.BrokerLogin;
import vn.motcua.protocol.broker.TopicRights;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two central instances with fixed instance ids share the events subscription on a real Mosquitto that requires
 * logins (central's and the kiosk's, with the kiosk held to its own topics). One stops cleanly: it must not keep a
 * session that goes on taking its share of the events, whether it held one ingest connection or several.
 */
class SharedSessionReleaseTest {
    private static final BrokerLogin KIOSK = new BrokerLogin("site-share", "kiosk-01");
    private static final int BATCHES = 20;

    @TempDir
    Path dir;
    private Mosquitto broker;
    private final List<ApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(ApplicationContext::close);
        if (broker != null) {
            broker.close();
        }
    }

    private ApplicationContext instance(String id) {
        return instance(id, 1);
    }

    private ApplicationContext instance(String id, int ingestConnections) {
        Map<String, Object> props = new HashMap<>();
        props.put("central.ingest.connections", ingestConnections);
        props.put("central.mqtt.url", broker.url());
        props.put("central.mqtt.username", TestLogins.CENTRAL_USER);
        props.put("central.mqtt.password", TestLogins.CENTRAL_PASSWORD);
        props.put("central.mqtt.reconnect-min-delay", "100ms");
        props.put("central.mqtt.reconnect-max-delay", "1s");
        props.put("central.instance-id", id);
        props.put("central.commands.signing-key-file", dir.resolve("command-signing.key").toString());
        props.put("central.db.url", "jdbc:sqlite:" + dir.resolve("central.db"));
        ApplicationContext ctx = ApplicationContext.run(props);
        instances.add(ctx);
        await("instance " + id + " subscribed").atMost(Duration.ofSeconds(30))
                .until(ctx.getBean(MqttIngestClient.class)::isReady);
        return ctx;
    }

    /** The Mosquitto ACL firmware-config provision writes for the kiosk, and central's stanza. */
    private Mosquitto brokerWithLogins() throws Exception {
        StringBuilder acl = new StringBuilder("user " + KIOSK.username() + "\n");
        TopicRights.KIOSK_PUBLISHES.forEach(s -> acl.append("topic write ")
                .append(Topics.of(KIOSK.siteId(), KIOSK.kioskId(), s)).append('\n'));
        TopicRights.KIOSK_READS.forEach(s -> acl.append("topic read ")
                .append(Topics.of(KIOSK.siteId(), KIOSK.kioskId(), s)).append('\n'));
        acl.append("\nuser ").append(TestLogins.CENTRAL_USER).append("\ntopic read kiosk/v1/#\n");
        TopicRights.CENTRAL_PUBLISHES.forEach(s -> acl.append("topic write ").append(Topics.allKiosks(s)).append('\n'));
        Path aclFile = dir.resolve("mosquitto.acl");
        Files.writeString(aclFile, acl);
        return new Mosquitto(TestLogins.passwordFile(dir, true, KIOSK.username()), aclFile).start();
    }

    @Test
    void givenTwoInstancesSharingEvents_whenOneStopsCleanly_thenTheOtherReceivesEveryLaterBatch() throws Exception {
        givenTwoInstances_whenOneStopsCleanly_thenTheOtherReceivesEveryLaterBatch(1);
    }

    @Test
    void givenAnInstanceWithThreeIngestConnections_whenItStopsCleanly_thenTheOtherReceivesEveryLaterBatch()
            throws Exception {
        givenTwoInstances_whenOneStopsCleanly_thenTheOtherReceivesEveryLaterBatch(3);
    }

    @Test
    void givenThreeIngestConnections_whenAKioskPublishes_thenEveryBatchIsStoredOnceAndAckedToTheLast()
            throws Exception {
        broker = brokerWithLogins();
        ApplicationContext central = instance("share-many", 3);
        int batches = 3 * BATCHES;
        try (TestMqttClient kiosk = TestMqttClient.kiosk(broker.url(), KIOSK.siteId(), KIOSK.kioskId())) {
            kiosk.subscribe(Topics.of(KIOSK.siteId(), KIOSK.kioskId(), Topics.ACK));
            for (int seq = 1; seq <= batches; seq++) {
                kiosk.publish(Topics.of(KIOSK.siteId(), KIOSK.kioskId(), Topics.EVENTS),
                        TestEvents.batch(KIOSK.kioskId(), seq, seq));
            }
            // acks are cumulative; those of different connections may cross on the way
            await("every batch stored and acked").atMost(Duration.ofSeconds(30))
                    .until(() -> kiosk.acks().stream().mapToLong(Long::longValue).max().orElse(0) == batches);
        }
        assertEquals(batches, central.getBean(EventStore.class).stats().events());
    }

    private void givenTwoInstances_whenOneStopsCleanly_thenTheOtherReceivesEveryLaterBatch(int stoppingConnections)
            throws Exception {
        broker = brokerWithLogins();
        ApplicationContext stopping = instance("share-a", stoppingConnections);
        ApplicationContext staying = instance("share-b");

        stopping.close();
        instances.remove(stopping);

        try (TestMqttClient kiosk = TestMqttClient.kiosk(broker.url(), KIOSK.siteId(), KIOSK.kioskId())) {
            kiosk.subscribe(Topics.of(KIOSK.siteId(), KIOSK.kioskId(), Topics.ACK));
            for (int seq = 1; seq <= BATCHES; seq++) {
                kiosk.publish(Topics.of(KIOSK.siteId(), KIOSK.kioskId(), Topics.EVENTS),
                        TestEvents.batch(KIOSK.kioskId(), seq, seq));
            }
            await("every batch stored and acked by the instance still running").atMost(Duration.ofSeconds(30))
                    .until(() -> kiosk.lastAck() == BATCHES);
        }
        assertEquals(BATCHES, staying.getBean(EventStore.class).stats().events());
    }
}
