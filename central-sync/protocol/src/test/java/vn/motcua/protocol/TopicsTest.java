package vn.motcua.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopicsTest {
    @Test
    void givenSiteAndKiosk_whenTopicBuilt_thenParsesBack() {
        String topic = Topics.of("so-gddt-hn", "kiosk-01", Topics.CMD_RESULT);
        assertEquals("kiosk/v1/so-gddt-hn/kiosk-01/cmd/result", topic);
        assertEquals(new Topics.Address("so-gddt-hn", "kiosk-01", "cmd/result"), Topics.parse(topic));
    }

    @Test
    void givenForeignOrWildcardTopics_whenParsed_thenBadTopic() {
        for (String bad : new String[] {"other/v1/a/b/events", "kiosk/v1/a/events", "kiosk/v1/a/+/events",
                "kiosk/v1/a/b/", "kiosk/v2/a/b/events"}) {
            assertEquals(RejectReason.BAD_TOPIC, assertThrows(ProtocolException.class, () -> Topics.parse(bad)).reason(),
                    bad);
        }
    }

    @Test
    void givenIdsWithTopicCharacters_whenTopicBuilt_thenRefused() {
        assertThrows(IllegalArgumentException.class, () -> Topics.of("site/1", "k", Topics.EVENTS));
        assertThrows(IllegalArgumentException.class, () -> Topics.of("site", "#", Topics.EVENTS));
        assertEquals("$share/central/kiosk/v1/+/+/events", Topics.shared("central", Topics.EVENTS));
    }
}
