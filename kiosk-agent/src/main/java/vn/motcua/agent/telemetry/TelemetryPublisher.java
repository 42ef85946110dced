package vn.motcua.agent.telemetry;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.sync.MqttTransport;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.Topics;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Publishes a telemetry reading every interval (QoS 0: a lost reading is replaced by the next one). */
@Context
public class TelemetryPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPublisher.class);
    /** The first reading goes out soon after start, so the fleet page sees a new kiosk at once. */
    private static final long FIRST_DELAY_MS = 2000;

    private final TelemetryCollector collector;
    private final MqttTransport transport;
    private final ProtocolCodec codec;
    private final TelemetrySettings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telemetry");
        t.setDaemon(true);
        return t;
    });

    public TelemetryPublisher(TelemetryCollector collector, MqttTransport transport, ProtocolCodec codec,
                              TelemetrySettings settings) {
        this.collector = collector;
        this.transport = transport;
        this.codec = codec;
        this.settings = settings;
    }

    @PostConstruct
    void start() {
        timer.scheduleWithFixedDelay(this::publishOnce, Math.min(FIRST_DELAY_MS, settings.interval().toMillis()),
                settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean publishOnce() {
        try {
            return transport.publish(Topics.TELEMETRY, codec.encode(collector.read()), 0);
        } catch (RuntimeException e) {
            LOG.warn("telemetry not published: {}", e.toString());
            return false;
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
