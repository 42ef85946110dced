package vn.motcua.protocol.sign;

import org.junit.jupiter.api.Test;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.message.SiteConfig;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional {@code priorityAge} of a site configuration: absent in older ones, covered by the signature. */
class SiteConfigPriorityAgeTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    private static String json(String extra) {
        return """
                {"version":3,"siteName":"Một cửa","services":[{"prefix":"A","nameVi":"Văn bằng"}],"counters":[],
                 "officers":[],"procedures":[],"ratingScale":5,"notices":[]%s}""".formatted(extra);
    }

    private SiteConfig decode(String extra) {
        return codec.decodeSiteConfig(json(extra).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenConfigWithoutPriorityAge_whenDecodedAndEncoded_thenNullAndLeftOutOfTheJson() {
        SiteConfig config = decode("");
        assertNull(config.priorityAge());
        String encoded = new String(codec.encode(config), StandardCharsets.UTF_8);
        assertFalse(encoded.contains("priorityAge"), "a configuration signed before the field existed must encode "
                + "to the same bytes: " + encoded);
    }

    @Test
    void givenPriorityAge_whenSignedSentAndDecoded_thenKept_andChangingItBreaksTheSignature() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SiteConfig draft = decode(",\"priorityAge\":65");
        assertEquals(65, draft.priorityAge());
        String sig = Signatures.sign(pair.getPrivate(), Signatures.configBytes("site-1", draft.signed(4, null), codec));
        SiteConfig received = codec.decodeSiteConfig(codec.encode(draft.signed(4, sig)));
        assertEquals(65, received.priorityAge());
        assertTrue(Signatures.verify(pair.getPublic(), Signatures.configBytes("site-1", received, codec), sig));
        SiteConfig lowered = new SiteConfig(4, received.siteName(), received.services(), received.counters(),
                received.officers(), received.procedures(), 5, List.of(), sig).withPriorityAge(55);
        assertFalse(Signatures.verify(pair.getPublic(), Signatures.configBytes("site-1", lowered, codec), sig),
                "the priority age is covered by the signature");
    }

    @Test
    void givenPriorityAgeOutOfRangeOrNotANumber_whenDecoded_thenRefusedNamingTheField() {
        for (String bad : List.of(",\"priorityAge\":49", ",\"priorityAge\":101", ",\"priorityAge\":\"60\"",
                ",\"priorityAge\":60.5")) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> decode(bad), bad);
            assertTrue(e.getMessage().contains("priorityAge"), e.getMessage());
        }
        assertNull(decode(",\"priorityAge\":null").priorityAge());
    }
}
