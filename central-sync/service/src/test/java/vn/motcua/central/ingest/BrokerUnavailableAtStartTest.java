package vn.motcua.central.ingest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.TestEvents;
import vn.motcua.central.TestLogins;
import vn.motcua.central.TestMqttClient;
import vn.motcua.central.broker.MqttBroker;
import vn.motcua.central.broker.MqttConfig;
import vn.motcua.protocol.Topics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An external broker that is down when central starts: central still starts, reports it, and connects later. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerUnavailableAtStartTest implements TestPropertyProvider {
    private final int brokerPort = TestMqttClient.freePort();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of(
                    "micronaut.server.port", "-1",
                    "central.mqtt.url", "tcp://127.0.0.1:" + brokerPort,
                    "central.mqtt.username", TestLogins.CENTRAL_USER,
                    "central.mqtt.password", TestLogins.CENTRAL_PASSWORD,
                    "central.mqtt.reconnect-min-delay", "100ms",
                    "central.mqtt.reconnect-max-delay", "500ms",
                    "central.mqtt.connect-timeout", "2s",
                    "central.db.url", "jdbc:sqlite:" + Files.createTempDirectory("central-late").resolve("c.db"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenExternalBrokerDownAtStart_whenItComesUp_thenCentralConnectsAndIngests() throws Exception {
        HttpClientResponseException down = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.GET("/api/health"), String.class));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, down.getStatus());
        assertTrue(down.getResponse().getBody(String.class).orElseThrow().contains("\"broker\":false"));

        Path logins = TestLogins.passwordFile(Files.createTempDirectory("central-late-broker"), false,
                "site-1.kiosk-late");
        MqttBroker broker = new MqttBroker(new MqttConfig("", brokerPort, TestLogins.CENTRAL_USER,
                TestLogins.CENTRAL_PASSWORD, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofSeconds(1), 32, logins.toString(), "", 100_000,
                Duration.ofSeconds(5)));
        try (broker) {
            await("central connected").atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    return http.toBlocking().exchange(HttpRequest.GET("/api/health")).code() == 200;
                } catch (HttpClientResponseException e) {
                    return false;
                }
            });
            try (TestMqttClient kiosk = TestMqttClient.kiosk(broker.url(), "site-1", "kiosk-late")) {
                kiosk.subscribe(Topics.of("site-1", "kiosk-late", Topics.ACK));
                kiosk.publish(Topics.of("site-1", "kiosk-late", Topics.EVENTS), TestEvents.batch("kiosk-late", 1, 3));
                await("acked").atMost(Duration.ofSeconds(10)).until(() -> kiosk.lastAck() == 3);
            }
        }
    }
}
