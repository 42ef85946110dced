package vn.motcua.app.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.embed.swing.SwingFXUtils;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.support.AgentProcess;
import vn.motcua.app.support.KioskHarness;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.message.CommandResult;
import vn.motcua.protocol.sign.Signatures;
import vn.motcua.testsupport.Mosquitto;

import javax.imageio.ImageIO;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central's signed commands for the screen, through the real broker and a real agent: a notice shows on the home
 * screen, and a restart waits until the citizen using the kiosk is done.
 */
class CentralNoticeFlowTest {
    private static final String SITE = "test-site";
    private static final String NOTICE = "Hôm nay bộ phận Một cửa làm việc đến 16:30.";

    private final ProtocolCodec codec = new ProtocolCodec();
    private final BlockingQueue<CommandResult> results = new LinkedBlockingQueue<>();
    private AgentProcess agent;
    private KioskHarness kiosk;
    private MqttClient central;
    private Mosquitto broker;

    @AfterEach
    void cleanUp() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (central != null && central.isConnected()) {
            central.disconnect();
            central.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void givenKioskOnline_whenCentralSendsNoticeAndRestart_thenNoticeShowsAndRestartWaitsForHomeScreen()
            throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String kioskId = "notice-" + UUID.randomUUID().toString().substring(0, 8);
        agent = new AgentProcess(kioskId);
        Path pub = agent.dir().resolve("command-signing.pub");
        Files.writeString(pub, Signatures.pem("PUBLIC KEY", keys.getPublic().getEncoded()));
        broker = new Mosquitto().start();
        agent.env("MQTT_URL", broker.url()).env("KIOSK_COMMAND_KEY", pub.toString()).start();
        awaitAgentOnBroker();

        central = new MqttClient(broker.url(), "central-" + kioskId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        central.connect(options);
        // the (topic, qos, listener) overload of Paho 1.2.5 calls itself until the stack overflows
        central.subscribe(new MqttSubscription[]{new MqttSubscription(Topics.of(SITE, kioskId, Topics.CMD_RESULT), 1)},
                new IMqttMessageListener[]{(topic, message) ->
                        results.add(codec.decodeCommandResult(message.getPayload()))});

        kiosk = KioskHarness.open(KioskHarness.testConfig(agent.url()), 1024, 600);
        kiosk.waitShowing("#homeScreen");
        kiosk.waitGone("#busyCover");
        assertTrue(kiosk.find("#centralNotice").map(n -> !KioskHarness.showing(n)).orElse(true),
                "no notice before central sends one");

        send(keys, kioskId, "show_notice", Map.of("text", NOTICE, "minutes", "30"));
        CommandResult shown = results.poll(30, TimeUnit.SECONDS);
        assertNotNull(shown, "the agent answered the notice");
        assertTrue(shown.ok(), shown.message());
        kiosk.waitShowing("#centralNotice");
        assertEquals(NOTICE, kiosk.text("#centralNotice"));
        WaitForAsyncUtils.waitForFxEvents();
        Path shot = Path.of("target", "screenshots", "home-central-notice.png");
        Files.createDirectories(shot.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(KioskHarness.call(() -> kiosk.stage().getScene().snapshot(null)),
                null), "png", shot.toFile());

        // a citizen is taking a ticket: the restart waits for the home screen
        kiosk.tap("#tileTicket");
        send(keys, kioskId, "restart_app", Map.of());
        CommandResult restart = results.poll(30, TimeUnit.SECONDS);
        assertNotNull(restart, "the agent answered the restart");
        assertTrue(restart.ok(), restart.message());
        Thread.sleep(1000);
        assertEquals(0, kiosk.restarts(), "not while the citizen is on the ticket screen");
        KioskHarness.run(() -> kiosk.kiosk().navigator().home());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.restarts() == 1);
        assertEquals(ScreenId.HOME, KioskHarness.call(() -> kiosk.kiosk().navigator().current().get()));

        send(keys, kioskId, "clear_notice", Map.of());
        assertTrue(results.poll(30, TimeUnit.SECONDS).ok());
        kiosk.waitGone("#centralNotice");
    }

    private void send(KeyPair keys, String kioskId, String type, Map<String, String> args) throws Exception {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Command unsigned = new Command(id, type, args, now, now.plusMinutes(5), "");
        String sig = Signatures.sign(keys.getPrivate(), Signatures.commandBytes(SITE, kioskId, unsigned));
        central.publish(Topics.of(SITE, kioskId, Topics.CMD),
                codec.encode(new Command(id, type, args, now, now.plusMinutes(5), sig)), 1, false);
    }

    private void awaitAgentOnBroker() {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        Awaitility.await("the agent connected to the broker").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> {
                    JsonNode status = json.readTree(http.send(HttpRequest.newBuilder(
                            agent.url().resolve("/api/status")).GET().build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    return status.path("broker").path("connected").asBoolean(false);
                });
    }
}
