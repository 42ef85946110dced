package vn.motcua.central.broker;

import com.codahale.metrics.Counter;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.StartupRefusedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The broker central talks to, and central's login there: the external one of {@code MQTT_URL}, or, when that is
 * unset, an embedded HiveMQ CE on 127.0.0.1 with in-memory persistence that lives and dies with this process. The
 * embedded one requires a login from every client and enforces each kiosk's topic rights ({@link BrokerSecurity}).
 */
@Context
public class MqttBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttBroker.class);
    private static final int START_TIMEOUT_SECONDS = 60;
    private static final int STOP_TIMEOUT_SECONDS = 30;
    /** HiveMQ's count of every message it had to drop (a full queue, a client that cannot take it, …). */
    static final String DROPPED_METRIC = "com.hivemq.messages.dropped.count";

    private final String url;
    private final CentralLogin login;
    private final EmbeddedHiveMQ embedded;
    private final Path workDir;

    public MqttBroker(MqttConfig config) {
        if (!config.embedded()) {
            url = config.url();
            login = config.username().isEmpty() ? CentralLogin.NONE
                    : new CentralLogin(config.username(), config.password());
            embedded = null;
            workDir = null;
            LOG.info("MQTT broker: external {}{}", url, login.isSet() ? " as " + login.username() : " without a login");
            return;
        }
        BrokerPortCheck.requireFree(config.port());
        login = CentralLogin.forEmbedded(config, new SecureRandom());
        KioskLogins kiosks = new KioskLogins(Path.of(config.kioskPasswordFile()));
        workDir = createWorkDir(config);
        embedded = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(workDir.resolve("conf"))
                .withDataFolder(workDir.resolve("data"))
                .withExtensionsFolder(workDir.resolve("extensions"))
                .withEmbeddedExtension(EmbeddedExtension.builder()
                        .withId("motcua-broker-security")
                        .withName("kiosk logins and topic rights")
                        .withVersion("1")
                        .withPriority(1000)
                        .withStartPriority(1000)
                        .withExtensionMain(new BrokerSecurity(login, kiosks))
                        .build())
                .withoutLoggingBootstrap()
                .build();
        try {
            embedded.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            stopQuietly();
            throw new StartupRefusedException("embedded MQTT broker on 127.0.0.1:" + config.port()
                    + " did not start (" + e + "): set MQTT_URL to use an external broker", 1);
        }
        url = "tcp://127.0.0.1:" + config.port();
        LOG.info("MQTT broker: embedded HiveMQ CE listening on {} (in-memory, local connections only, logins "
                + "required: central as '{}', {} kiosks from {}; up to {} queued messages per subscriber)", url,
                login.username(), kiosks.count(), config.kioskPasswordFile(), config.embeddedMaxQueuedMessages());
    }

    /** Where MQTT clients connect. */
    public String url() {
        return url;
    }

    /** Central's broker login; {@link CentralLogin#NONE} for an external broker configured without one. */
    public CentralLogin login() {
        return login;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Messages the embedded broker has dropped since it started; empty for an external broker (not measured here). */
    public OptionalLong droppedMessages() {
        if (embedded == null) {
            return OptionalLong.empty();
        }
        Counter counter = embedded.getMetricRegistry().getCounters().get(DROPPED_METRIC);
        return OptionalLong.of(counter == null ? 0 : counter.getCount());
    }

    @PreDestroy
    @Override
    public void close() {
        if (embedded != null) {
            stopQuietly();
            LOG.info("embedded MQTT broker stopped");
        }
    }

    private void stopQuietly() {
        try {
            embedded.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            embedded.close();
        } catch (Exception e) {
            LOG.warn("embedded MQTT broker did not stop cleanly: {}", e.toString());
        } finally {
            deleteRecursively(workDir);
        }
    }

    /**
     * The queue limit applies to each offline or slow subscriber and to each shared-subscription group: HiveMQ's
     * default of 1,000 let a burst of a few thousand batches overflow central's {@code $share} group, and QoS 1
     * messages were dropped with nothing counted on our side. Retained messages and the Will are unchanged.
     */
    private static Path createWorkDir(MqttConfig config) {
        try {
            Path dir = Files.createTempDirectory("central-hivemq-");
            Files.createDirectories(dir.resolve("conf"));
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("extensions"));
            Files.writeString(dir.resolve("conf").resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                        <listeners>
                            <tcp-listener>
                                <port>%d</port>
                                <bind-address>127.0.0.1</bind-address>
                            </tcp-listener>
                        </listeners>
                        <mqtt>
                            <queued-messages>
                                <max-queue-size>%d</max-queue-size>
                                <strategy>discard</strategy>
                            </queued-messages>
                        </mqtt>
                        <persistence>
                            <mode>in-memory</mode>
                        </persistence>
                        <anonymous-usage-statistics>
                            <enabled>false</enabled>
                        </anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(config.port(), config.embeddedMaxQueuedMessages()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded MQTT broker's temp folder", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", dir, e.toString());
        }
    }
}
