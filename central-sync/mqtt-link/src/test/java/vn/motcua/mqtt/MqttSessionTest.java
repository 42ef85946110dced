package vn.motcua.mqtt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.motcua.testsupport.Mosquitto;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session against a real Mosquitto of the test's own. */
class MqttSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Mosquitto broker = new Mosquitto().start();
    private final List<MqttSession> sessions = new ArrayList<>();

    @AfterEach
    void stop() {
        sessions.forEach(MqttSession::stop);
        broker.stop();
    }

    /** Remembers what it heard; acknowledges what arrives unless told not to. */
    private static final class Heard implements MqttSession.Listener {
        final Queue<MqttSession.Received> messages = new ConcurrentLinkedQueue<>();
        final AtomicInteger connects = new AtomicInteger();
        final AtomicInteger losses = new AtomicInteger();
        volatile boolean acknowledge = true;

        @Override
        public void connected() {
            connects.incrementAndGet();
        }

        @Override
        public void messageArrived(MqttSession.Received message) {
            messages.add(message);
            if (acknowledge) {
                message.acknowledge();
            }
        }

        @Override
        public void connectionLost(String why) {
            losses.incrementAndGet();
        }

        List<String> texts() {
            return messages.stream().map(m -> new String(m.payload(), StandardCharsets.UTF_8)).toList();
        }
    }

    private SessionSettings settings(String clientId) {
        return SessionSettings.of(broker.url(), clientId)
                .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200))
                .withTiming(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    private MqttSession started(SessionSettings settings, MqttSession.Listener listener) {
        MqttSession session = new MqttSession(settings, settings.clientId(), listener);
        sessions.add(session);
        session.start();
        return session;
    }

    private MqttSession readyPublisher(String clientId) {
        MqttSession publisher = started(settings(clientId), m -> { });
        await().atMost(WAIT).until(publisher::isReady);
        return publisher;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void givenSharedSubscription_whenMessagesArePublished_thenTheGlobalListenerHearsThem() {
        Heard heard = new Heard();
        MqttSession receiver = started(settings("receiver").withSubscriptions(
                List.of(new SessionSettings.Subscription("$share/group/site/+/events", 1))), heard);
        await().atMost(WAIT).until(receiver::isReady);
        MqttSession publisher = readyPublisher("publisher");

        assertTrue(publisher.publish("site/k1/events", bytes("one"), 1, false));
        assertTrue(publisher.publish("site/k2/events", bytes("two"), 1, false));

        await().atMost(WAIT).until(() -> heard.messages.size() == 2);
        assertEquals(List.of("one", "two"), heard.texts());
        assertEquals(1, heard.connects.get());
    }

    @Test
    void givenBrokerRestartedWithoutItsSessions_whenTheSessionReconnects_thenItSubscribesAgainAndMessagesFlow() {
        Heard heard = new Heard();
        MqttSession receiver = started(settings("receiver").withSubscriptions(
                List.of(new SessionSettings.Subscription("news", 1))), heard);
        await().atMost(WAIT).until(receiver::isReady);

        broker.stop(); // the test broker keeps nothing: subscriptions are gone with it
        await().atMost(WAIT).until(() -> !receiver.isReady());
        assertFalse(receiver.publish("news", bytes("lost"), 1, false));
        broker.start();
        await().atMost(WAIT).until(receiver::isReady);
        MqttSession publisher = readyPublisher("publisher");
        publisher.publish("news", bytes("after restart"), 1, false);

        await().atMost(WAIT).until(() -> heard.texts().contains("after restart"));
        assertEquals(2, heard.connects.get());
        assertTrue(heard.losses.get() >= 1);
    }

    @Test
    void givenManualAcksInAPersistentSession_whenNotAcknowledgedBeforeReconnecting_thenTheBrokerSendsItAgain() {
        Heard heard = new Heard();
        heard.acknowledge = false;
        MqttSession receiver = started(settings("manual").withPersistentSession(Duration.ofMinutes(5), true)
                .withManualAcks(10).withSubscriptions(List.of(new SessionSettings.Subscription("work", 1))), heard);
        await().atMost(WAIT).until(receiver::isReady);
        MqttSession publisher = readyPublisher("publisher");
        publisher.publish("work", bytes("job"), 1, false);
        await().atMost(WAIT).until(() -> heard.messages.size() == 1);

        receiver.reconnect("test");
        await().atMost(WAIT).until(() -> heard.messages.size() == 2);
        assertEquals(List.of("job", "job"), heard.texts());

        // acknowledged now: not sent again after the next reconnect
        MqttSession.Received redelivered = heard.messages.stream().skip(1).findFirst().orElseThrow();
        assertTrue(redelivered.acknowledge());
        int connects = heard.connects.get();
        receiver.reconnect("test");
        await().atMost(WAIT).until(() -> heard.connects.get() > connects && receiver.isReady());
        publisher.publish("work", bytes("next"), 1, false);
        await().atMost(WAIT).until(() -> heard.texts().contains("next"));
        assertEquals(List.of("job", "job", "next"), heard.texts());
    }

    @Test
    void givenAWill_whenTheConnectionDropsWithoutDisconnect_thenTheBrokerPublishesIt_andAStopPublishesTheLastWords() {
        Heard watcher = new Heard();
        MqttSession watching = started(settings("watcher").withSubscriptions(
                List.of(new SessionSettings.Subscription("status", 1))), watcher);
        await().atMost(WAIT).until(watching::isReady);
        MqttSession kiosk = started(settings("kiosk").withWill(
                new SessionSettings.Publication("status", bytes("gone"), 1, false)), m -> { });
        await().atMost(WAIT).until(kiosk::isReady);

        kiosk.dropConnection();
        await().atMost(WAIT).until(() -> watcher.texts().contains("gone"));
        await().atMost(WAIT).until(kiosk::isReady);
        kiosk.stop(new SessionSettings.Publication("status", bytes("bye"), 1, false));

        await().atMost(WAIT).until(() -> watcher.texts().contains("bye"));
        assertEquals(List.of("gone", "bye"), watcher.texts());
        assertFalse(kiosk.isConnected());
    }

    @Test
    void givenBrokerDown_whenTheSessionStarts_thenItKeepsTryingAndConnectsOnceTheBrokerIsUp() {
        broker.stop();
        Heard heard = new Heard();
        MqttSession session = started(settings("patient"), heard);
        await().pollDelay(Duration.ofMillis(300)).atMost(WAIT).until(() -> !session.isConnected());
        broker.start();
        await().atMost(WAIT).until(session::isReady);
        assertEquals(1, heard.connects.get());
    }
}
