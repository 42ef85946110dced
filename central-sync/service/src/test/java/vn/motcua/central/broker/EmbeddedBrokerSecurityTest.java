package vn.motcua.central.broker;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.testsupport.MqttProbe;
import vn.motcua.central.TestLogins;
import vn.motcua.central.TestMqttClient;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.broker.BrokerLogin;
import vn.motcua.protocol.broker.MosquittoPassword;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded broker central starts when MQTT_URL is unset: it takes no anonymous client, checks kiosk logins
 * against the password file firmware-config provision writes, and holds each kiosk to its own topics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedBrokerSecurityTest {
    private static final String SITE = "so-gddt-hn";
    private static final String OTHER_SITE = "so-gddt-dn";
    private static final BrokerLogin K1 = new BrokerLogin(SITE, "kiosk-01");
    private static final BrokerLogin K2 = new BrokerLogin(SITE, "kiosk-02");
    private static final BrokerLogin DN1 = new BrokerLogin(OTHER_SITE, "kiosk-01");

    private Path dir;
    private Path passwordFile;
    private MqttBroker broker;
    private MqttProbe central;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("embedded-broker-security");
        passwordFile = TestLogins.passwordFile(dir, false, K1.username(), K2.username(), DN1.username());
        broker = new MqttBroker(config(dir, passwordFile, TestLogins.CENTRAL_USER, TestLogins.CENTRAL_PASSWORD, 100_000));
        central = MqttProbe.connect(broker.url(), "central-security-test", TestLogins.CENTRAL_USER,
                TestLogins.CENTRAL_PASSWORD);
        assertEquals(1, central.subscribe("kiosk/v1/#"));
    }

    static MqttConfig config(Path dir, Path kioskPasswords, String user, String password, long maxQueued) {
        return new MqttConfig("", TestMqttClient.freePort(), user, password, Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(1), 32,
                kioskPasswords.toString(), dir.resolve("central.password").toString(), maxQueued,
                Duration.ofSeconds(5));
    }

    @AfterAll
    void stop() throws Exception {
        if (central != null) {
            central.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private MqttProbe kiosk(BrokerLogin login) throws MqttException {
        return MqttProbe.connect(broker.url(), login.clientId(), login.username(),
                TestLogins.password(login.siteId(), login.kioskId()));
    }

    private static int refusal(org.junit.jupiter.api.function.Executable connect) {
        return assertThrows(MqttException.class, connect).getReasonCode();
    }

    @Test
    void givenNoOrWrongLogin_whenClientConnects_thenRefused() {
        assertEquals(0x87, refusal(() -> MqttProbe.connect(broker.url(), "anonymous", null, null)));
        assertEquals(0x86, refusal(() -> MqttProbe.connect(broker.url(), K1.clientId(), K1.username(),
                TestLogins.password(SITE, "kiosk-02"))));
        assertEquals(0x86, refusal(() -> MqttProbe.connect(broker.url(), "kiosk-so-gddt-hn-kiosk-09",
                SITE + ".kiosk-09", "x")));
        assertEquals(0x86, refusal(() -> MqttProbe.connect(broker.url(), "central-x", TestLogins.CENTRAL_USER,
                "wrong")));
    }

    @Test
    void givenKioskLogin_whenItConnectsUnderAnotherClientId_thenRefusedSoItCannotTakeOverCentralsSession() {
        assertEquals(0x85, refusal(() -> MqttProbe.connect(broker.url(), "central-security-test", K1.username(),
                TestLogins.password(SITE, "kiosk-01"), false, 600)));
        assertEquals(0x85, refusal(() -> MqttProbe.connect(broker.url(), K2.clientId(), K1.username(),
                TestLogins.password(SITE, "kiosk-01"))));
        assertTrue(central.isConnected(), "central's session was not taken over");
    }

    @Test
    void givenKiosk_whenItPublishesOnItsOwnTopics_thenCentralReceivesThem() throws Exception {
        try (MqttProbe kiosk = kiosk(K1)) {
            for (String suffix : List.of("events", "status", "telemetry", "cmd/result")) {
                assertEquals(0, kiosk.publish("kiosk/v1/so-gddt-hn/kiosk-01/" + suffix, "own-" + suffix), suffix);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> central.received().containsAll(List.of(
                "kiosk/v1/so-gddt-hn/kiosk-01/events own-events", "kiosk/v1/so-gddt-hn/kiosk-01/status own-status",
                "kiosk/v1/so-gddt-hn/kiosk-01/telemetry own-telemetry",
                "kiosk/v1/so-gddt-hn/kiosk-01/cmd/result own-cmd/result")));
    }

    /**
     * HiveMQ answers a refused QoS 1 publish of an MQTT 5 client with PUBACK 0x87 and then closes the connection, so
     * each forged publish gets a connection of its own.
     */
    private void assertRefused(BrokerLogin login, String topic, boolean retained) throws Exception {
        try (MqttProbe kiosk = kiosk(login)) {
            assertEquals(MqttProbe.NOT_AUTHORIZED, kiosk.publish(topic, ("forged " + topic)
                    .getBytes(StandardCharsets.UTF_8), retained), topic);
            await("disconnected after the refused publish").atMost(Duration.ofSeconds(10))
                    .until(() -> !kiosk.isConnected());
        }
    }

    /** A publish sent after the forged ones: once central has it, a forged one would have arrived too. */
    private void assertNothingForgedArrived(BrokerLogin login) throws Exception {
        String marker = "marker-" + System.nanoTime();
        try (MqttProbe kiosk = kiosk(login)) {
            assertEquals(0, kiosk.publish(Topics.of(login.siteId(), login.kioskId(), Topics.STATUS), marker));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> central.received().stream().anyMatch(m -> m.endsWith(marker)));
        assertFalse(central.received().stream().anyMatch(m -> m.contains("forged")), central.received().toString());
    }

    @Test
    void givenKiosk_whenItForgesItsOwnAckCommandOrConfig_thenNotAuthorizedAndNothingIsDelivered() throws Exception {
        assertRefused(K1, "kiosk/v1/so-gddt-hn/kiosk-01/ack", false);
        assertRefused(K1, "kiosk/v1/so-gddt-hn/kiosk-01/cmd", false);
        assertRefused(K1, "kiosk/v1/so-gddt-hn/kiosk-01/config", true);
        assertNothingForgedArrived(K1);
        try (MqttProbe kiosk = kiosk(K1)) {
            assertEquals(1, kiosk.subscribe("kiosk/v1/so-gddt-hn/kiosk-01/config"));
            await("no forged retained configuration").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> kiosk.received().isEmpty());
        }
    }

    @Test
    void givenKiosk_whenItPublishesOnAnotherKiosksOrSitesTopics_thenNotAuthorizedAndNothingIsDelivered()
            throws Exception {
        for (String topic : List.of("kiosk/v1/so-gddt-hn/kiosk-02/events", "kiosk/v1/so-gddt-hn/kiosk-02/ack",
                "kiosk/v1/so-gddt-hn/kiosk-02/cmd/result", "kiosk/v1/so-gddt-dn/kiosk-01/status",
                "kiosk/v1/so-gddt-dn/kiosk-01/events", "somewhere/else")) {
            assertRefused(K1, topic, false);
        }
        assertNothingForgedArrived(K1);
    }

    @Test
    void givenKiosk_whenItSubscribes_thenOnlyItsOwnAckCommandsAndConfigAreGrantedAndDelivered() throws Exception {
        try (MqttProbe kiosk = kiosk(K1); MqttProbe other = kiosk(K2); MqttProbe otherSite = kiosk(DN1)) {
            for (String filter : List.of("kiosk/v1/#", "#", "kiosk/v1/so-gddt-hn/kiosk-02/events",
                    "kiosk/v1/+/+/cmd", "kiosk/v1/so-gddt-hn/kiosk-01/+", "kiosk/v1/so-gddt-hn/kiosk-01/events",
                    "$share/central/kiosk/v1/+/+/events", "$share/x/kiosk/v1/so-gddt-hn/kiosk-01/cmd")) {
                assertEquals(MqttProbe.NOT_AUTHORIZED, kiosk.subscribe(filter), filter);
            }
            for (String suffix : List.of("ack", "cmd", "config")) {
                assertEquals(1, kiosk.subscribe("kiosk/v1/so-gddt-hn/kiosk-01/" + suffix), suffix);
            }
            assertEquals(0, other.publish("kiosk/v1/so-gddt-hn/kiosk-02/events", "events-of-02"));
            assertEquals(0, otherSite.publish("kiosk/v1/so-gddt-dn/kiosk-01/events", "events-of-dn"));
            assertEquals(0, central.publish("kiosk/v1/so-gddt-hn/kiosk-02/cmd", "cmd-for-02"));
            assertEquals(0, central.publish("kiosk/v1/so-gddt-dn/kiosk-01/ack", "ack-for-dn"));
            assertEquals(0, central.publish("kiosk/v1/so-gddt-hn/kiosk-01/ack", "ack-for-01"));
            assertEquals(0, central.publish("kiosk/v1/so-gddt-hn/kiosk-01/config", "config-for-01"));
            assertEquals(0, central.publish("kiosk/v1/so-gddt-hn/kiosk-01/cmd", "cmd-for-01"));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> kiosk.received().contains("kiosk/v1/so-gddt-hn/kiosk-01/cmd cmd-for-01"));
            assertEquals(List.of("kiosk/v1/so-gddt-hn/kiosk-01/ack ack-for-01",
                    "kiosk/v1/so-gddt-hn/kiosk-01/config config-for-01",
                    "kiosk/v1/so-gddt-hn/kiosk-01/cmd cmd-for-01"), kiosk.received());
        }
    }

    @Test
    void givenCentral_whenItUsesSharedSubscriptionsAndPublishes_thenOnlyAcksCommandsAndConfigsPass() throws Exception {
        try (MqttProbe instance = MqttProbe.connect(broker.url(), "central-shared-test", TestLogins.CENTRAL_USER,
                TestLogins.CENTRAL_PASSWORD)) {
            assertEquals(1, instance.subscribe("$share/central/kiosk/v1/+/+/events"));
            assertEquals(1, instance.subscribe("kiosk/v1/+/+/status"));
            assertEquals(0, instance.publish("kiosk/v1/so-gddt-hn/kiosk-01/ack", "{\"upToSeq\":0}"));
            assertEquals(0, instance.publish("kiosk/v1/so-gddt-hn/kiosk-01/cmd", "{}"));
            assertEquals(MqttProbe.NOT_AUTHORIZED, instance.publish("kiosk/v1/so-gddt-hn/kiosk-01/events",
                    "central-forged"));
        }
    }

    @Test
    void givenKioskWithAWillOnAnotherKiosksStatus_whenItConnects_thenRefused() throws Exception {
        org.eclipse.paho.mqttv5.client.MqttAsyncClient c = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(
                broker.url(), K1.clientId(), new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(K1.username());
        options.setPassword(TestLogins.password(SITE, "kiosk-01").getBytes(StandardCharsets.UTF_8));
        MqttMessage will = new MqttMessage("{\"online\":false}".getBytes(StandardCharsets.UTF_8));
        will.setQos(1);
        will.setRetained(true);
        options.setWill("kiosk/v1/so-gddt-hn/kiosk-02/status", will);
        try {
            MqttException e = assertThrows(MqttException.class, () -> c.connect(options).waitForCompletion(10_000));
            assertEquals(MqttProbe.NOT_AUTHORIZED, e.getReasonCode(), e.toString());
        } finally {
            c.close(true);
        }
    }

    @Test
    void givenKioskProvisionedWhileCentralRuns_whenItConnects_thenTheNewLoginWorks() throws Exception {
        BrokerLogin late = new BrokerLogin(SITE, "kiosk-late");
        assertEquals(0x86, refusal(() -> kiosk(late)));
        Files.writeString(passwordFile, late.username() + ":" + MosquittoPassword.hash(
                TestLogins.password(SITE, "kiosk-late").toCharArray(), new SecureRandom()) + "\n",
                StandardOpenOption.APPEND);
        try (MqttProbe kiosk = kiosk(late)) {
            assertEquals(0, kiosk.publish("kiosk/v1/so-gddt-hn/kiosk-late/events", "late-events"));
        }
    }

    @Test
    void givenNoCentralLoginConfigured_whenEmbeddedBrokerStarts_thenItMakesOneOwnerOnlyAndKeepsIt() throws Exception {
        Path own = Files.createTempDirectory("embedded-broker-central-login");
        MqttConfig config = config(own, passwordFile, "", "", 1000);
        String first;
        try (MqttBroker b = new MqttBroker(config)) {
            Path file = own.resolve("central.password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            first = Files.readString(file).strip();
            assertTrue(first.length() >= 32, "password too short");
            assertEquals(new CentralLogin("central", first), b.login());
            try (MqttProbe c = MqttProbe.connect(b.url(), "central-own", "central", first)) {
                assertEquals(1, c.subscribe("$share/central/kiosk/v1/+/+/events"));
            }
        }
        try (MqttBroker again = new MqttBroker(config(own, passwordFile, "", "", 1000))) {
            assertEquals(first, again.login().password(), "the kept password is used again");
        }
    }
}
