package vn.motcua.central.broker;

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
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The broker central talks to: the external one of {@code MQTT_URL}, or, when that is unset, an embedded HiveMQ CE
 * on 127.0.0.1 with in-memory persistence that lives and dies with this process.
 */
@Context
public class MqttBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttBroker.class);
    private static final int START_TIMEOUT_SECONDS = 60;
    private static final int STOP_TIMEOUT_SECONDS = 30;

    private final String url;
    private final EmbeddedHiveMQ embedded;
    private final Path workDir;

    public MqttBroker(MqttConfig config) {
        if (!config.embedded()) {
            url = config.url();
            embedded = null;
            workDir = null;
            LOG.info("MQTT broker: external {}", url);
            return;
        }
        BrokerPortCheck.requireFree(config.port());
        workDir = createWorkDir(config.port());
        embedded = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(workDir.resolve("conf"))
                .withDataFolder(workDir.resolve("data"))
                .withExtensionsFolder(workDir.resolve("extensions"))
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
        LOG.info("MQTT broker: embedded HiveMQ CE listening on {} (in-memory, local connections only)", url);
    }

    /** Where MQTT clients connect. */
    public String url() {
        return url;
    }

    public boolean isEmbedded() {
        return embedded != null;
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

    private static Path createWorkDir(int port) {
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
                        <persistence>
                            <mode>in-memory</mode>
                        </persistence>
                        <anonymous-usage-statistics>
                            <enabled>false</enabled>
                        </anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port));
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
