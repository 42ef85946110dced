package vn.motcua.central.broker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import vn.motcua.testsupport.MqttProbe;
import vn.motcua.central.TestEvents;
import vn.motcua.central.TestLogins;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.broker.BrokerLogin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burst of one-event batches from one kiosk while central's shared subscription is away (a restart, or central
 * behind): every QoS 1 message waits in the embedded broker's queue for central, or its drop is counted.
 */
class BrokerBurstTest {
    private static final int BURST = 20_000;
    /** HiveMQ's own default queue size, the one under which such a burst lost most of its messages. */
    private static final int HIVEMQ_DEFAULT_QUEUE = 1_000;
    private static final BrokerLogin KIOSK = new BrokerLogin("site-burst", "kiosk-01");
    private static final String CENTRAL_ID = "central-burst";

    @TempDir
    Path dir;

    @Test
    void givenCentralAway_whenKioskBurstsTwentyThousandBatches_thenEveryOneIsDeliveredAndNoneDropped() throws Exception {
        MqttConfig config = EmbeddedBrokerSecurityTest.config(dir, TestLogins.passwordFile(dir, false,
                KIOSK.username()), TestLogins.CENTRAL_USER, TestLogins.CENTRAL_PASSWORD, 100_000);
        try (MqttBroker broker = new MqttBroker(config)) {
            Burst burst = burst(broker);
            assertEquals(BURST, burst.delivered(), "delivered to central's shared subscription");
            assertEquals(0, burst.dropped());
        }
    }

    @Test
    void givenQueueSmallerThanTheBurst_whenKioskBursts_thenEveryMessageMissingIsCountedAsDropped() throws Exception {
        MqttConfig config = EmbeddedBrokerSecurityTest.config(dir, TestLogins.passwordFile(dir, false,
                KIOSK.username()), TestLogins.CENTRAL_USER, TestLogins.CENTRAL_PASSWORD, HIVEMQ_DEFAULT_QUEUE);
        try (MqttBroker broker = new MqttBroker(config)) {
            DroppedMessages dropped = new DroppedMessages(broker);
            Burst burst = burst(broker);
            assertTrue(burst.dropped() > 0, "the queue of " + HIVEMQ_DEFAULT_QUEUE + " overflowed: " + burst);
            assertEquals(BURST, burst.delivered() + burst.dropped(), "every missing message is counted: " + burst);
            assertEquals(burst.dropped(), dropped.count().orElseThrow());

            Logger log = (Logger) LoggerFactory.getLogger(DroppedMessages.class);
            ListAppender<ILoggingEvent> appender = new ListAppender<>();
            appender.start();
            log.addAppender(appender);
            try {
                dropped.warnWhenGrown();
                dropped.warnWhenGrown();
            } finally {
                log.detachAppender(appender);
            }
            assertEquals(1, appender.list.size(), "one warning for one growth: " + appender.list);
            assertEquals(Level.WARN, appender.list.get(0).getLevel());
            assertTrue(appender.list.get(0).getFormattedMessage().startsWith("embedded MQTT broker dropped "
                    + burst.dropped() + " messages"), appender.list.get(0).getFormattedMessage());
        }
    }

    record Burst(int delivered, long dropped) {
    }

    private Burst burst(MqttBroker broker) throws Exception {
        try (MqttProbe central = MqttProbe.connect(broker.url(), CENTRAL_ID, TestLogins.CENTRAL_USER,
                TestLogins.CENTRAL_PASSWORD, true, 600)) {
            assertEquals(1, central.subscribe(Topics.shared("central", Topics.EVENTS)));
        } // disconnected; its session and shared subscription wait for it

        ProtocolCodec codec = new ProtocolCodec();
        String topic = Topics.of(KIOSK.siteId(), KIOSK.kioskId(), Topics.EVENTS);
        AtomicInteger refused = new AtomicInteger();
        try (MqttProbe kiosk = MqttProbe.connect(broker.url(), KIOSK.clientId(), KIOSK.username(),
                TestLogins.password(KIOSK.siteId(), KIOSK.kioskId()))) {
            // as many in flight as the broker's receive maximum allows
            Semaphore window = new Semaphore(10);
            MqttActionListener release = new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        refused.incrementAndGet();
                    }
                    window.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    refused.incrementAndGet();
                    window.release();
                }
            };
            for (int seq = 1; seq <= BURST; seq++) {
                assertTrue(window.tryAcquire(30, TimeUnit.SECONDS), "PUBACKs stopped at " + seq);
                kiosk.paho().publish(topic, codec.encode(TestEvents.batch(KIOSK.kioskId(), seq, seq)), 1, false,
                        null, release);
            }
            assertTrue(window.tryAcquire(10, 30, TimeUnit.SECONDS), "the last PUBACKs");
        }
        assertEquals(0, refused.get(), "the broker accepted every publish");

        try (MqttProbe central = MqttProbe.connect(broker.url(), CENTRAL_ID, TestLogins.CENTRAL_USER,
                TestLogins.CENTRAL_PASSWORD, false, 600)) {
            // a busy build machine drains the queue slowly: fail only when delivery stops moving, not on a deadline
            long accounted = 0;
            while (accounted < BURST) {
                long before = accounted;
                accounted = await("queued messages still being delivered").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> central.receivedCount() + broker.droppedMessages().orElseThrow(),
                                now -> now >= BURST || now > before);
            }
            await("nothing more arrives").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> central.receivedCount() + broker.droppedMessages().orElseThrow() == BURST);
            Set<String> distinct = new HashSet<>(central.received());
            return new Burst(distinct.size(), broker.droppedMessages().orElseThrow());
        }
    }
}
