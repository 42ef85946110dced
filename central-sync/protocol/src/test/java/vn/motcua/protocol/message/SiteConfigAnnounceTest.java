package vn.motcua.protocol.message;

import org.junit.jupiter.api.Test;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.sign.Signatures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional {@code announce} block of the site configuration: old configurations keep decoding and verifying. */
class SiteConfigAnnounceTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    private static String fixture() throws IOException {
        try (InputStream in = SiteConfigAnnounceTest.class.getResourceAsStream("/fixtures/site-config.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String withAnnounce(String json, String announce) {
        return json.replaceFirst("\"ratingScale\"", "\"announce\": " + announce + ",\n  \"ratingScale\"");
    }

    @Test
    void givenAConfigurationWithoutAnnounce_whenDecoded_thenTheDefaultApplies_andEncodingLeavesItOut() throws IOException {
        SiteConfig config = codec.decodeSiteConfig(fixture().getBytes(StandardCharsets.UTF_8));
        assertNull(config.announce());
        assertEquals(new SiteConfig.Announce(true, 80), config.announceOrDefault());
        assertFalse(new String(codec.encode(config), StandardCharsets.UTF_8).contains("announce"));
    }

    @Test
    void givenAnnounceOffAtVolume35_whenRoundTripped_thenItIsKept() throws IOException {
        String json = withAnnounce(fixture(), "{\"enabled\": false, \"volume\": 35}");
        SiteConfig config = codec.decodeSiteConfig(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(new SiteConfig.Announce(false, 35), config.announce());
        assertEquals(config, codec.decodeSiteConfig(codec.encode(config)));
    }

    @Test
    void givenAnEmptyAnnounce_whenDecoded_thenEachFieldTakesItsDefault() throws IOException {
        SiteConfig config = codec.decodeSiteConfig(withAnnounce(fixture(), "{}").getBytes(StandardCharsets.UTF_8));
        assertEquals(SiteConfig.Announce.DEFAULT, config.announce());
    }

    @Test
    void givenAVolumeAbove100OrAWrongType_whenDecoded_thenRefusedNamingTheField() throws IOException {
        ProtocolException loud = assertThrows(ProtocolException.class, () -> codec.decodeSiteConfig(
                withAnnounce(fixture(), "{\"volume\": 101}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("announce.volume", loud.field());
        ProtocolException text = assertThrows(ProtocolException.class, () -> codec.decodeSiteConfig(
                withAnnounce(fixture(), "{\"enabled\": \"yes\"}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("announce.enabled", text.field());
        assertThrows(ProtocolException.class, () -> codec.decodeSiteConfig(
                withAnnounce(fixture(), "true").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void givenAConfigurationSignedWithoutAnnounce_whenDecodedByThisVersion_thenItsSignatureStillVerifies()
            throws Exception {
        KeyPair central = KeyPairGenerator.getInstance(Signatures.ALGORITHM).generateKeyPair();
        SiteConfig old = codec.decodeSiteConfig(fixture().getBytes(StandardCharsets.UTF_8));
        // the bytes an older central signed: the JSON had no announce field at all
        String oldUnsigned = new String(codec.encode(old.withSig(null)), StandardCharsets.UTF_8);
        assertFalse(oldUnsigned.contains("announce"));
        String sig = Signatures.sign(central.getPrivate(), Signatures.configBytes("site-1", old, codec));
        SiteConfig received = codec.decodeSiteConfig(codec.encode(old.withSig(sig)));
        assertTrue(Signatures.verify(central.getPublic(), Signatures.configBytes("site-1", received, codec),
                received.sig()));

        SiteConfig quiet = new SiteConfig(old.version(), old.siteName(), old.services(), old.counters(),
                old.officers(), old.procedures(), old.ratingScale(), old.notices(), null).withAnnounce(new SiteConfig.Announce(false, 10));
        String quietSig = Signatures.sign(central.getPrivate(), Signatures.configBytes("site-1", quiet, codec));
        SiteConfig louder = codec.decodeSiteConfig(new String(codec.encode(quiet.withSig(quietSig)),
                StandardCharsets.UTF_8).replace("\"volume\":10", "\"volume\":90").getBytes(StandardCharsets.UTF_8));
        assertEquals(90, louder.announce().volume());
        assertFalse(Signatures.verify(central.getPublic(), Signatures.configBytes("site-1", louder, codec),
                louder.sig()), "the announce block is covered by the signature");
    }
}
