package vn.motcua.protocol.broker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicRightsTest {
    private static final BrokerLogin K = new BrokerLogin("so-gddt-hn", "kiosk-01");

    @Test
    void givenKiosk_whenItPublishes_thenOnlyItsOwnEventsStatusTelemetryAndResultsPass() {
        for (String suffix : new String[]{"events", "status", "telemetry", "cmd/result"}) {
            assertTrue(TopicRights.kioskMayPublish(K, "kiosk/v1/so-gddt-hn/kiosk-01/" + suffix), suffix);
        }
        for (String topic : new String[]{"kiosk/v1/so-gddt-hn/kiosk-01/ack", "kiosk/v1/so-gddt-hn/kiosk-01/cmd",
                "kiosk/v1/so-gddt-hn/kiosk-01/config", "kiosk/v1/so-gddt-hn/kiosk-02/events",
                "kiosk/v1/so-gddt-dn/kiosk-01/events", "kiosk/v1/so-gddt-hn/kiosk-01/events/x",
                "kiosk/v1/so-gddt-hn/kiosk-01/#", "kiosk/v1/so-gddt-hn/+/events", "other"}) {
            assertFalse(TopicRights.kioskMayPublish(K, topic), topic);
        }
    }

    @Test
    void givenKiosk_whenItSubscribes_thenOnlyItsOwnAckCommandsAndConfigPass() {
        for (String suffix : new String[]{"ack", "cmd", "config"}) {
            assertTrue(TopicRights.kioskMaySubscribe(K, "kiosk/v1/so-gddt-hn/kiosk-01/" + suffix), suffix);
        }
        for (String filter : new String[]{"kiosk/v1/so-gddt-hn/kiosk-01/events", "kiosk/v1/so-gddt-hn/kiosk-01/+",
                "kiosk/v1/so-gddt-hn/kiosk-01/#", "kiosk/v1/so-gddt-hn/+/cmd", "kiosk/v1/#", "#",
                "$share/g/kiosk/v1/so-gddt-hn/kiosk-01/cmd", "kiosk/v1/so-gddt-hn/kiosk-02/ack"}) {
            assertFalse(TopicRights.kioskMaySubscribe(K, filter), filter);
        }
    }

    @Test
    void givenCentral_whenItPublishes_thenOnlyAcksCommandsAndConfigurationsPass() {
        assertTrue(TopicRights.centralMayPublish("kiosk/v1/s/k/ack"));
        assertTrue(TopicRights.centralMayPublish("kiosk/v1/s/k/cmd"));
        assertTrue(TopicRights.centralMayPublish("kiosk/v1/s/k/config"));
        for (String topic : new String[]{"kiosk/v1/s/k/events", "kiosk/v1/s/k/cmd/result", "kiosk/v1/s/k/status",
                "kiosk/v1/+/k/cmd", "kiosk/v1/s k/k/cmd", "kiosk/v1/s/k/cmd/", "x/kiosk/v1/s/k/cmd"}) {
            assertFalse(TopicRights.centralMayPublish(topic), topic);
        }
    }

    @Test
    void givenUserNames_whenParsed_thenOnlySiteDotKioskIsAKiosk() {
        assertEquals(K, BrokerLogin.parse("so-gddt-hn.kiosk-01").orElseThrow());
        assertEquals("so-gddt-hn.kiosk-01", K.username());
        assertEquals("kiosk-so-gddt-hn-kiosk-01", K.clientId());
        for (String name : new String[]{"central", "a.b.c", ".k", "s.", "s k.k", "", "s/k"}) {
            assertTrue(BrokerLogin.parse(name).isEmpty(), name);
        }
    }
}
