package vn.motcua.agent.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.broker.BrokerLogin;
import vn.motcua.protocol.broker.MosquittoPassword;
import vn.motcua.protocol.broker.TopicRights;
import vn.motcua.testsupport.Mosquitto;
import vn.motcua.testsupport.MqttProbe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The agent against a Mosquitto that requires logins and holds each kiosk to its own topics (the provisioned password
 * file and ACL): given only its password, it logs in as SITE.KIOSK and its events and status reach central.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerLoginTest implements TestPropertyProvider {
    private static final BrokerLogin KIOSK = new BrokerLogin("site-login", "kiosk-01");
    private static final String KIOSK_PASSWORD = "kiosk-password-from-provision";
    private static final String CENTRAL_PASSWORD = "central-password";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Mosquitto broker;
    private MqttProbe central;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory("agent-broker-login");
            SecureRandom random = new SecureRandom();
            Path passwd = dir.resolve("passwd");
            Files.writeString(passwd, KIOSK.username() + ":" + MosquittoPassword.hash(KIOSK_PASSWORD.toCharArray(),
                    random) + "\ncentral:" + MosquittoPassword.hash(CENTRAL_PASSWORD.toCharArray(), random) + "\n");
            StringBuilder acl = new StringBuilder("user " + KIOSK.username() + "\n");
            TopicRights.KIOSK_PUBLISHES.forEach(s -> acl.append("topic write ")
                    .append(Topics.of(KIOSK.siteId(), KIOSK.kioskId(), s)).append('\n'));
            TopicRights.KIOSK_READS.forEach(s -> acl.append("topic read ")
                    .append(Topics.of(KIOSK.siteId(), KIOSK.kioskId(), s)).append('\n'));
            acl.append("\nuser central\ntopic read kiosk/v1/#\n");
            Path aclFile = dir.resolve("acl");
            Files.writeString(aclFile, acl);
            broker = new Mosquitto(passwd, aclFile).start();
            central = centralListening(broker.url());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "kiosk.db-file", TempDb.newFile("broker-login"),
                "kiosk.site-id", KIOSK.siteId(),
                "kiosk.kiosk-id", KIOSK.kioskId(),
                "mqtt.url", broker.url(),
                "mqtt.password", KIOSK_PASSWORD,
                "agent.sync.enabled", "true",
                "agent.remote.public-key-file", new vn.motcua.agent.support.CentralKeys().writePublicKey(
                        vn.motcua.agent.support.CentralKeys.tempFolder("broker-login-key")),
                "agent.sync.reconnect-min-delay", "100ms",
                "agent.sync.reconnect-max-delay", "500ms");
    }

    private MqttProbe centralListening(String url) throws MqttException {
        MqttProbe c = MqttProbe.connect(url, "central-login-test", "central", CENTRAL_PASSWORD);
        c.subscribe("kiosk/v1/#");
        return c;
    }

    @AfterAll
    void stop() throws MqttException {
        if (central != null) {
            central.close();
        }
        broker.stop();
    }

    @Test
    void givenOnlyItsProvisionedPassword_whenAgentConnects_thenItLogsInAsSiteDotKioskAndItsEventsArrive() {
        Api api = new Api(server.getURL());
        await("connected with its login").atMost(WAIT)
                .until(() -> api.get("/api/status").get("broker").get("connected").asBoolean());
        JsonNode ticket = api.ticket("A");
        String ticketId = ticket.get("ticketId").asText();
        String events = Topics.of(KIOSK.siteId(), KIOSK.kioskId(), Topics.EVENTS);
        String status = Topics.of(KIOSK.siteId(), KIOSK.kioskId(), Topics.STATUS);
        await("the ticket's event at central").atMost(WAIT)
                .until(() -> central.received().stream().anyMatch(m -> m.startsWith(events + " ") && m.contains(ticketId)));
        await("the online status at central").atMost(WAIT)
                .until(() -> central.received().stream().anyMatch(m -> m.startsWith(status + " ") && m.contains("\"online\":true")));
    }
}
