package vn.motcua.central.broker;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages the embedded broker dropped, for {@code /api/stats} and the log. A drop is not a loss — the kiosk keeps
 * every event in its outbox until central acks it, and sends it again — but it should never pass unnoticed.
 */
@Singleton
public class DroppedMessages {
    private static final Logger LOG = LoggerFactory.getLogger(DroppedMessages.class);
    private final MqttBroker broker;
    private final AtomicLong reported = new AtomicLong();

    public DroppedMessages(MqttBroker broker) {
        this.broker = broker;
    }

    /** The count since the embedded broker started; empty with an external broker, whose own metrics tell. */
    public OptionalLong count() {
        return broker.droppedMessages();
    }

    @Scheduled(fixedDelay = "${central.mqtt.drop-check-interval:5s}", initialDelay = "${central.mqtt.drop-check-interval:5s}")
    void warnWhenGrown() {
        OptionalLong now = count();
        if (now.isEmpty()) {
            return;
        }
        long before = reported.getAndSet(now.getAsLong());
        if (now.getAsLong() > before) {
            LOG.warn("embedded MQTT broker dropped {} messages since the last check ({} in all): a subscriber's queue "
                    + "was full (central.mqtt.embedded-max-queued-messages) or a client could not take them; kiosks "
                    + "send unacknowledged events again", now.getAsLong() - before, now.getAsLong());
        }
    }
}
