package vn.motcua.firmware.provision;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.firmware.support.Cli;
import vn.motcua.firmware.support.MosquittoBroker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provisioned password file and ACL, loaded by a real Mosquitto: a kiosk can speak only on its own topics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerAclTest {
    private static final String SITE = "so-gddt-hn";
    private Path dir;
    private MosquittoBroker broker;
    private MqttClient central;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startBrokerWithTwoProvisionedKiosks() throws Exception {
        dir = Files.createTempDirectory("broker-acl");
        StringBuilder passwd = new StringBuilder();
        StringBuilder acl = new StringBuilder();
        for (String kiosk : List.of("kiosk-01", "kiosk-02")) {
            Path out = dir.resolve(kiosk);
            Cli r = Cli.run("provision", "--site", SITE, "--kiosk", kiosk, "--out", out.toString(),
                    "--central-keys", dir.resolve("central").toString());
            assertEquals(0, r.status(), r.err());
            passwd.append(Files.readString(out.resolve(Provisioner.PASSWORD_FILE)));
            acl.append(Files.readString(out.resolve(Provisioner.ACL_FILE))).append('\n');
        }
        passwd.append("central:").append(MosquittoPassword.hash("central-pw".toCharArray(), new SecureRandom())).append('\n');
        acl.append("user central\ntopic read kiosk/v1/#\ntopic write kiosk/v1/+/+/cmd\n");
        Path passwdFile = dir.resolve("passwd");
        Path aclFile = dir.resolve("acl");
        Files.writeString(passwdFile, passwd);
        Files.writeString(aclFile, acl);
        broker = new MosquittoBroker(dir, passwdFile, aclFile);

        central = connect("central", "central-pw");
        central.setCallback(collectInto(received));
        central.subscribe("kiosk/v1/#", 1);
    }

    private static MqttCallback collectInto(List<String> messages) {
        return new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                messages.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        };
    }

    @AfterAll
    void stopBroker() throws Exception {
        if (central != null) {
            central.disconnect();
            central.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private String password(String kiosk) throws Exception {
        return Files.readString(dir.resolve(kiosk).resolve(Provisioner.KIOSK_PASSWORD)).strip();
    }

    private MqttClient connect(String username, String password) throws MqttException {
        MqttClient client = new MqttClient(broker.url(), username + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        client.connect(options);
        return client;
    }

    /** @return the PUBACK reason code (0 = accepted) */
    private static int publish(MqttAsyncClient client, String topic, String payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        IMqttToken token = client.publish(topic, message);
        try {
            token.waitForCompletion(5000);
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    private MqttAsyncClient connectAsync(String username, String password) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), username + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(5);
        client.connect(options).waitForCompletion(5000);
        return client;
    }

    @Test
    void givenProvisionedKiosk_whenItPublishesOnItsOwnTopics_thenCentralReceivesThem() throws Exception {
        MqttAsyncClient kiosk = connectAsync(SITE + ".kiosk-01", password("kiosk-01"));
        try {
            assertEquals(0, publish(kiosk, "kiosk/v1/so-gddt-hn/kiosk-01/events", "own-events"));
            assertEquals(0, publish(kiosk, "kiosk/v1/so-gddt-hn/kiosk-01/cmd/result", "own-result"));
        } finally {
            kiosk.disconnect().waitForCompletion(5000);
            kiosk.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("kiosk/v1/so-gddt-hn/kiosk-01/events own-events")
                && received.contains("kiosk/v1/so-gddt-hn/kiosk-01/cmd/result own-result"));
    }

    @Test
    void givenProvisionedKiosk_whenItPublishesOnAnotherKiosksTopic_thenBrokerRefusesAndNothingArrives() throws Exception {
        MqttAsyncClient kiosk = connectAsync(SITE + ".kiosk-01", password("kiosk-01"));
        try {
            int refused = publish(kiosk, "kiosk/v1/so-gddt-hn/kiosk-02/events", "forged");
            int refusedOtherSite = publish(kiosk, "kiosk/v1/so-gddt-dn/kiosk-01/events", "forged-site");
            // Sent after the forged ones on the same connection: once it arrives, they would have arrived too.
            assertEquals(0, publish(kiosk, "kiosk/v1/so-gddt-hn/kiosk-01/status", "marker"));

            assertEquals(135, refused, "PUBACK reason code 0x87 (not authorized) expected");
            assertEquals(135, refusedOtherSite);
        } finally {
            kiosk.disconnect().waitForCompletion(5000);
            kiosk.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("kiosk/v1/so-gddt-hn/kiosk-01/status marker"));
        assertFalse(received.stream().anyMatch(m -> m.contains("forged")), received.toString());
    }

    @Test
    void givenKioskSubscribedToAnotherKiosksCommands_whenCentralSendsBoth_thenItReceivesOnlyItsOwn() throws Exception {
        List<String> kioskReceived = new CopyOnWriteArrayList<>();
        MqttAsyncClient kiosk = connectAsync(SITE + ".kiosk-01", password("kiosk-01"));
        kiosk.setCallback(collectInto(kioskReceived));
        MqttAsyncClient sender = connectAsync("central", "central-pw");
        try {
            kiosk.subscribe("kiosk/v1/so-gddt-hn/+/cmd", 1).waitForCompletion(5000);
            assertEquals(0, publish(sender, "kiosk/v1/so-gddt-hn/kiosk-02/cmd", "for-02"));
            assertEquals(0, publish(sender, "kiosk/v1/so-gddt-hn/kiosk-01/cmd", "for-01"));

            await().atMost(Duration.ofSeconds(10)).until(() -> kioskReceived.contains("kiosk/v1/so-gddt-hn/kiosk-01/cmd for-01"));
            assertEquals(List.of("kiosk/v1/so-gddt-hn/kiosk-01/cmd for-01"), kioskReceived);
        } finally {
            sender.disconnect().waitForCompletion(5000);
            sender.close();
            kiosk.disconnect().waitForCompletion(5000);
            kiosk.close();
        }
    }

    @Test
    void givenWrongPassword_whenKioskConnects_thenRefused() throws Exception {
        MqttException e = assertThrows(MqttException.class, () -> connect(SITE + ".kiosk-01", password("kiosk-02")));
        assertTrue(e.getReasonCode() == 134 || e.getReasonCode() == 135, "reason " + e.getReasonCode() + ": " + e);
        MqttException unknown = assertThrows(MqttException.class, () -> connect(SITE + ".kiosk-09", "x"));
        assertTrue(unknown.getReasonCode() == 134 || unknown.getReasonCode() == 135, unknown.toString());
    }
}
