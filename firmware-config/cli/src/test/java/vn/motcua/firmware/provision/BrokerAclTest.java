package vn.motcua.firmware.provision;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.firmware.support.Cli;
import vn.motcua.testsupport.Mosquitto;
import vn.motcua.testsupport.MqttProbe;
import vn.motcua.protocol.broker.MosquittoPassword;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

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
    private Mosquitto broker;
    private MqttProbe central;

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
        broker = new Mosquitto(passwdFile, aclFile).start();

        central = connect("central", "central-pw");
        central.subscribe("kiosk/v1/#");
    }

    @AfterAll
    void stopBroker() throws Exception {
        if (central != null) {
            central.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private String password(String site, String kiosk) throws Exception {
        return Files.readString(dir.resolve(site + "." + kiosk).resolve(Provisioner.KIOSK_PASSWORD)).strip();
    }

    private MqttProbe connect(String username, String password) throws MqttException {
        return MqttProbe.connect(broker.url(), username + "-" + System.nanoTime(), username, password);
    }

    /** A second login kept by the broker after a disconnect: a session of ten minutes. */
    private MqttProbe connectKeepingSession(String username, String password, String clientId) throws MqttException {
        return MqttProbe.connect(broker.url(), clientId, username, password, false, 600L);
    }

    @Test
    void givenProvisionedKiosk_whenItPublishesOnItsOwnTopics_thenCentralReceivesThem() throws Exception {
        MqttProbe kiosk = connect(SITE + ".kiosk-01", password(SITE, "kiosk-01"));
        try {
            for (String suffix : List.of("events", "status", "telemetry", "cmd/result")) {
                assertEquals(0, kiosk.publish("kiosk/v1/so-gddt-hn/kiosk-01/" + suffix, "own-" + suffix), suffix);
            }
        } finally {
            kiosk.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> central.received().containsAll(List.of(
                "kiosk/v1/so-gddt-hn/kiosk-01/events own-events", "kiosk/v1/so-gddt-hn/kiosk-01/status own-status",
                "kiosk/v1/so-gddt-hn/kiosk-01/telemetry own-telemetry",
                "kiosk/v1/so-gddt-hn/kiosk-01/cmd/result own-cmd/result")));
    }

    @Test
    void givenProvisionedKiosk_whenItPublishesOnItsOwnAckCommandOrConfig_thenBrokerRefusesAndNothingArrives()
            throws Exception {
        MqttProbe kiosk = connect(SITE + ".kiosk-01", password(SITE, "kiosk-01"));
        try {
            kiosk.subscribe("kiosk/v1/so-gddt-hn/kiosk-01/ack");
            assertEquals(NOT_AUTHORIZED, kiosk.publish("kiosk/v1/so-gddt-hn/kiosk-01/ack", "forged-ack {\"upToSeq\":9}"));
            assertEquals(NOT_AUTHORIZED, kiosk.publish("kiosk/v1/so-gddt-hn/kiosk-01/cmd", "forged-cmd"));
            assertEquals(NOT_AUTHORIZED, kiosk.publish("kiosk/v1/so-gddt-hn/kiosk-01/config", "forged-config"));
            assertEquals(0, kiosk.publish("kiosk/v1/so-gddt-hn/kiosk-01/status", "marker-own"));
            await().atMost(Duration.ofSeconds(10)).until(() -> central.received().contains("kiosk/v1/so-gddt-hn/kiosk-01/status marker-own"));
        } finally {
            kiosk.close();
        }
        assertFalse(central.received().stream().anyMatch(m -> m.contains("forged")), central.received().toString());
        assertEquals(List.of(), kiosk.received(), "the kiosk's own forged ack came back to it");
    }

    @Test
    void givenProvisionedKiosk_whenItPublishesOnAnotherKiosksOrSitesTopic_thenBrokerRefusesAndNothingArrives()
            throws Exception {
        MqttProbe kiosk = connect(SITE + ".kiosk-01", password(SITE, "kiosk-01"));
        try {
            assertEquals(NOT_AUTHORIZED, kiosk.publish("kiosk/v1/so-gddt-hn/kiosk-02/events", "forged"));
            assertEquals(NOT_AUTHORIZED, kiosk.publish("kiosk/v1/so-gddt-hn/kiosk-02/ack", "forged-ack"));
            assertEquals(NOT_AUTHORIZED, kiosk.publish("kiosk/v1/so-gddt-dn/kiosk-01/events", "forged-site"));
            assertEquals(NOT_AUTHORIZED, kiosk.publish("kiosk/v1/so-gddt-dn/kiosk-01/status", "forged-site-status"));
            // Sent after the forged ones on the same connection: once it arrives, they would have arrived too.
            assertEquals(0, kiosk.publish("kiosk/v1/so-gddt-hn/kiosk-01/status", "marker"));
        } finally {
            kiosk.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> central.received().contains("kiosk/v1/so-gddt-hn/kiosk-01/status marker"));
        assertFalse(central.received().stream().anyMatch(m -> m.contains("forged")), central.received().toString());
    }

    @Test
    void givenKioskSubscribedToOthersTopics_whenTheyAndCentralPublish_thenItReceivesOnlyWhatCentralSentIt()
            throws Exception {
        MqttProbe kiosk = connect(SITE + ".kiosk-01", password(SITE, "kiosk-01"));
        MqttProbe other = connect(SITE + ".kiosk-02", password(SITE, "kiosk-02"));
        MqttProbe otherSite = connect(OTHER_SITE + ".kiosk-01", password(OTHER_SITE, "kiosk-01"));
        MqttProbe sender = connect("central", "central-pw");
        try {
            kiosk.paho().subscribe(new String[]{"kiosk/v1/#", "kiosk/v1/so-gddt-hn/kiosk-02/events", "kiosk/v1/+/+/cmd"},
                    new int[]{1, 1, 1}).waitForCompletion(5000);
            assertEquals(0, other.publish("kiosk/v1/so-gddt-hn/kiosk-02/events", "events-of-02"));
            assertEquals(0, otherSite.publish("kiosk/v1/so-gddt-dn/kiosk-01/events", "events-of-dn-01"));
            assertEquals(0, sender.publish("kiosk/v1/so-gddt-hn/kiosk-02/cmd", "for-02"));
            assertEquals(0, sender.publish("kiosk/v1/so-gddt-dn/kiosk-01/cmd", "for-dn-01"));
            assertEquals(0, sender.publish("kiosk/v1/so-gddt-hn/kiosk-01/ack", "ack-for-01"));
            assertEquals(0, sender.publish("kiosk/v1/so-gddt-hn/kiosk-01/config", "config-for-01"));
            assertEquals(0, sender.publish("kiosk/v1/so-gddt-hn/kiosk-01/cmd", "cmd-for-01"));

            await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.received().contains("kiosk/v1/so-gddt-hn/kiosk-01/cmd cmd-for-01"));
            assertEquals(List.of("kiosk/v1/so-gddt-hn/kiosk-01/ack ack-for-01",
                    "kiosk/v1/so-gddt-hn/kiosk-01/config config-for-01",
                    "kiosk/v1/so-gddt-hn/kiosk-01/cmd cmd-for-01"),
                    kiosk.received().stream().distinct().toList(), "overlapping filters may deliver twice");
            await().atMost(Duration.ofSeconds(10)).until(() -> central.received().contains("kiosk/v1/so-gddt-hn/kiosk-02/events events-of-02")
                    && central.received().contains("kiosk/v1/so-gddt-dn/kiosk-01/events events-of-dn-01"));
        } finally {
            sender.close();
            otherSite.close();
            other.close();
            kiosk.close();
        }
    }

    @Test
    void givenCentralLogin_whenItPublishesAnEvent_thenRefused() throws Exception {
        MqttProbe sender = connect("central", "central-pw");
        try {
            assertEquals(NOT_AUTHORIZED, sender.publish("kiosk/v1/so-gddt-hn/kiosk-01/events", "central-forged"));
        } finally {
            sender.close();
        }
    }

    @Test
    void givenKioskTakingCentralsClientId_whenItResumesTheSession_thenItGetsNoneOfCentralsMessages() throws Exception {
        String centralId = "central-session-" + System.nanoTime();
        MqttProbe owner = connectKeepingSession("central", "central-pw", centralId);
        owner.subscribe("$share/central/kiosk/v1/+/+/events");
        MqttProbe thief = connectKeepingSession(SITE + ".kiosk-01", password(SITE, "kiosk-01"), centralId);
        MqttProbe other = connect(SITE + ".kiosk-02", password(SITE, "kiosk-02"));
        try {
            assertEquals(0, other.publish("kiosk/v1/so-gddt-hn/kiosk-02/events", "for-central-only"));
            await().atMost(Duration.ofSeconds(10)).until(() -> central.received().contains("kiosk/v1/so-gddt-hn/kiosk-02/events for-central-only"));
            await("nothing for the thief").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> thief.receivedCount() == 0);
        } finally {
            other.close();
            thief.close();
            owner.paho().close(true);
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
