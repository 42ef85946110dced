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
import vn.motcua.protocol.broker.MosquittoPassword;

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

/**
 * The provisioned password file and ACL, loaded by a real Mosquitto of the test's own: a kiosk can speak only on its
 * own topics and never in central's name; central's login (the ACL stanza firmware-config documents) can.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerAclTest {
    private static final String SITE = "so-gddt-hn";
    private static final String OTHER_SITE = "so-gddt-dn";
    private static final int NOT_AUTHORIZED = 0x87;
    private Path dir;
    private MosquittoBroker broker;
    private MqttClient central;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startBrokerWithThreeProvisionedKiosks() throws Exception {
        dir = Files.createTempDirectory("broker-acl");
        StringBuilder passwd = new StringBuilder();
        StringBuilder acl = new StringBuilder();
        for (String[] kiosk : List.of(new String[]{SITE, "kiosk-01"}, new String[]{SITE, "kiosk-02"},
                new String[]{OTHER_SITE, "kiosk-01"})) {
            Path out = dir.resolve(kiosk[0] + "." + kiosk[1]);
            Cli r = Cli.run("provision", "--site", kiosk[0], "--kiosk", kiosk[1], "--out", out.toString(),
                    "--central-keys", dir.resolve("central").toString());
            assertEquals(0, r.status(), r.err());
            passwd.append(Files.readString(out.resolve(Provisioner.PASSWORD_FILE)));
            acl.append(Files.readString(out.resolve(Provisioner.ACL_FILE))).append('\n');
        }
        passwd.append("central:").append(MosquittoPassword.hash("central-pw".toCharArray(), new SecureRandom())).append('\n');
        acl.append(Provisioner.centralAcl("central"));
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

    private String password(String site, String kiosk) throws Exception {
        return Files.readString(dir.resolve(site + "." + kiosk).resolve(Provisioner.KIOSK_PASSWORD)).strip();
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
        return connectAsync(username, password, username + "-" + System.nanoTime(), true);
    }

    private MqttAsyncClient connectAsync(String username, String password, String clientId, boolean cleanStart)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(5);
        options.setCleanStart(cleanStart);
        if (!cleanStart) {
            options.setSessionExpiryInterval(600L);
        }
        client.connect(options).waitForCompletion(5000);
        return client;
    }

    private static void close(MqttAsyncClient client) throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5000);
        }
        client.close();
    }

    @Test
    void givenProvisionedKiosk_whenItPublishesOnItsOwnTopics_thenCentralReceivesThem() throws Exception {
        MqttAsyncClient kiosk = connectAsync(SITE + ".kiosk-01", password(SITE, "kiosk-01"));
        try {
            for (String suffix : List.of("events", "status", "telemetry", "cmd/result")) {
                assertEquals(0, publish(kiosk, "kiosk/v1/so-gddt-hn/kiosk-01/" + suffix, "own-" + suffix), suffix);
            }
        } finally {
            close(kiosk);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.containsAll(List.of(
                "kiosk/v1/so-gddt-hn/kiosk-01/events own-events", "kiosk/v1/so-gddt-hn/kiosk-01/status own-status",
                "kiosk/v1/so-gddt-hn/kiosk-01/telemetry own-telemetry",
                "kiosk/v1/so-gddt-hn/kiosk-01/cmd/result own-cmd/result")));
    }

    @Test
    void givenProvisionedKiosk_whenItPublishesOnItsOwnAckCommandOrConfig_thenBrokerRefusesAndNothingArrives()
            throws Exception {
        List<String> kioskReceived = new CopyOnWriteArrayList<>();
        MqttAsyncClient kiosk = connectAsync(SITE + ".kiosk-01", password(SITE, "kiosk-01"));
        kiosk.setCallback(collectInto(kioskReceived));
        try {
            kiosk.subscribe("kiosk/v1/so-gddt-hn/kiosk-01/ack", 1).waitForCompletion(5000);
            assertEquals(NOT_AUTHORIZED, publish(kiosk, "kiosk/v1/so-gddt-hn/kiosk-01/ack", "forged-ack {\"upToSeq\":9}"));
            assertEquals(NOT_AUTHORIZED, publish(kiosk, "kiosk/v1/so-gddt-hn/kiosk-01/cmd", "forged-cmd"));
            assertEquals(NOT_AUTHORIZED, publish(kiosk, "kiosk/v1/so-gddt-hn/kiosk-01/config", "forged-config"));
            assertEquals(0, publish(kiosk, "kiosk/v1/so-gddt-hn/kiosk-01/status", "marker-own"));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("kiosk/v1/so-gddt-hn/kiosk-01/status marker-own"));
        } finally {
            close(kiosk);
        }
        assertFalse(received.stream().anyMatch(m -> m.contains("forged")), received.toString());
        assertEquals(List.of(), kioskReceived, "the kiosk's own forged ack came back to it");
    }

    @Test
    void givenProvisionedKiosk_whenItPublishesOnAnotherKiosksOrSitesTopic_thenBrokerRefusesAndNothingArrives()
            throws Exception {
        MqttAsyncClient kiosk = connectAsync(SITE + ".kiosk-01", password(SITE, "kiosk-01"));
        try {
            assertEquals(NOT_AUTHORIZED, publish(kiosk, "kiosk/v1/so-gddt-hn/kiosk-02/events", "forged"));
            assertEquals(NOT_AUTHORIZED, publish(kiosk, "kiosk/v1/so-gddt-hn/kiosk-02/ack", "forged-ack"));
            assertEquals(NOT_AUTHORIZED, publish(kiosk, "kiosk/v1/so-gddt-dn/kiosk-01/events", "forged-site"));
            assertEquals(NOT_AUTHORIZED, publish(kiosk, "kiosk/v1/so-gddt-dn/kiosk-01/status", "forged-site-status"));
            // Sent after the forged ones on the same connection: once it arrives, they would have arrived too.
            assertEquals(0, publish(kiosk, "kiosk/v1/so-gddt-hn/kiosk-01/status", "marker"));
        } finally {
            close(kiosk);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("kiosk/v1/so-gddt-hn/kiosk-01/status marker"));
        assertFalse(received.stream().anyMatch(m -> m.contains("forged")), received.toString());
    }

    @Test
    void givenKioskSubscribedToOthersTopics_whenTheyAndCentralPublish_thenItReceivesOnlyWhatCentralSentIt()
            throws Exception {
        List<String> kioskReceived = new CopyOnWriteArrayList<>();
        MqttAsyncClient kiosk = connectAsync(SITE + ".kiosk-01", password(SITE, "kiosk-01"));
        kiosk.setCallback(collectInto(kioskReceived));
        MqttAsyncClient other = connectAsync(SITE + ".kiosk-02", password(SITE, "kiosk-02"));
        MqttAsyncClient otherSite = connectAsync(OTHER_SITE + ".kiosk-01", password(OTHER_SITE, "kiosk-01"));
        MqttAsyncClient sender = connectAsync("central", "central-pw");
        try {
            kiosk.subscribe(new String[]{"kiosk/v1/#", "kiosk/v1/so-gddt-hn/kiosk-02/events", "kiosk/v1/+/+/cmd"},
                    new int[]{1, 1, 1}).waitForCompletion(5000);
            assertEquals(0, publish(other, "kiosk/v1/so-gddt-hn/kiosk-02/events", "events-of-02"));
            assertEquals(0, publish(otherSite, "kiosk/v1/so-gddt-dn/kiosk-01/events", "events-of-dn-01"));
            assertEquals(0, publish(sender, "kiosk/v1/so-gddt-hn/kiosk-02/cmd", "for-02"));
            assertEquals(0, publish(sender, "kiosk/v1/so-gddt-dn/kiosk-01/cmd", "for-dn-01"));
            assertEquals(0, publish(sender, "kiosk/v1/so-gddt-hn/kiosk-01/ack", "ack-for-01"));
            assertEquals(0, publish(sender, "kiosk/v1/so-gddt-hn/kiosk-01/config", "config-for-01"));
            assertEquals(0, publish(sender, "kiosk/v1/so-gddt-hn/kiosk-01/cmd", "cmd-for-01"));

            await().atMost(Duration.ofSeconds(10)).until(() -> kioskReceived.contains("kiosk/v1/so-gddt-hn/kiosk-01/cmd cmd-for-01"));
            assertEquals(List.of("kiosk/v1/so-gddt-hn/kiosk-01/ack ack-for-01",
                    "kiosk/v1/so-gddt-hn/kiosk-01/config config-for-01",
                    "kiosk/v1/so-gddt-hn/kiosk-01/cmd cmd-for-01"),
                    kioskReceived.stream().distinct().toList(), "overlapping filters may deliver twice");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("kiosk/v1/so-gddt-hn/kiosk-02/events events-of-02")
                    && received.contains("kiosk/v1/so-gddt-dn/kiosk-01/events events-of-dn-01"));
        } finally {
            close(sender);
            close(otherSite);
            close(other);
            close(kiosk);
        }
    }

    @Test
    void givenCentralLogin_whenItPublishesAnEvent_thenRefused() throws Exception {
        MqttAsyncClient sender = connectAsync("central", "central-pw");
        try {
            assertEquals(NOT_AUTHORIZED, publish(sender, "kiosk/v1/so-gddt-hn/kiosk-01/events", "central-forged"));
        } finally {
            close(sender);
        }
    }

    @Test
    void givenKioskTakingCentralsClientId_whenItResumesTheSession_thenItGetsNoneOfCentralsMessages() throws Exception {
        String centralId = "central-session-" + System.nanoTime();
        MqttAsyncClient owner = connectAsync("central", "central-pw", centralId, false);
        owner.subscribe("$share/central/kiosk/v1/+/+/events", 1).waitForCompletion(5000);
        List<String> stolen = new CopyOnWriteArrayList<>();
        MqttAsyncClient thief = new MqttAsyncClient(broker.url(), centralId, new MemoryPersistence());
        thief.setCallback(collectInto(stolen));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(SITE + ".kiosk-01");
        options.setPassword(password(SITE, "kiosk-01").getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(false);
        options.setSessionExpiryInterval(600L);
        thief.connect(options).waitForCompletion(5000);
        MqttAsyncClient other = connectAsync(SITE + ".kiosk-02", password(SITE, "kiosk-02"));
        try {
            assertEquals(0, publish(other, "kiosk/v1/so-gddt-hn/kiosk-02/events", "for-central-only"));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("kiosk/v1/so-gddt-hn/kiosk-02/events for-central-only"));
            await("nothing for the thief").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(stolen::isEmpty);
        } finally {
            close(other);
            close(thief);
            owner.close(true);
        }
    }

    @Test
    void givenReadme_whenCentralsAclStanzaRead_thenItIsTheOneTestedHere() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("```\n" + Provisioner.centralAcl("central") + "```"),
                "firmware-config/README.md shows central's ACL stanza as Provisioner.centralAcl writes it");
    }

    @Test
    void givenWrongPassword_whenKioskConnects_thenRefused() throws Exception {
        MqttException e = assertThrows(MqttException.class, () -> connect(SITE + ".kiosk-01", password(SITE, "kiosk-02")));
        assertTrue(e.getReasonCode() == 134 || e.getReasonCode() == 135, "reason " + e.getReasonCode() + ": " + e);
        MqttException unknown = assertThrows(MqttException.class, () -> connect(SITE + ".kiosk-09", "x"));
        assertTrue(unknown.getReasonCode() == 134 || unknown.getReasonCode() == 135, unknown.toString());
    }
}
