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

/** The site's public ticket page settings: optional, validated, and invisible to configurations signed before them. */
class PublicPageSettingsTest {
    private static final String OLD_CONFIG = """
            {"version":3,"siteName":"Một cửa","services":[{"prefix":"A","nameVi":"Văn bằng","nameEn":null}],
             "counters":[],"officers":[],"procedures":[],"ratingScale":5,"notices":[],"sig":null}""";
    private final ProtocolCodec codec = new ProtocolCodec();

    private SiteConfig decode(String json) {
        return codec.decodeSiteConfig(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String with(String fields) {
        return OLD_CONFIG.replace("\"notices\":[]", "\"notices\":[]," + fields);
    }

    @Test
    void givenConfigWithoutTheFields_whenDecoded_thenNoPublicUrlAndDefaultAlert() {
        SiteConfig c = decode(OLD_CONFIG);
        assertNull(c.publicBaseUrl());
        assertEquals(3, c.alertAheadOrDefault());
    }

    @Test
    void givenConfigSignedWithoutTheFields_whenReencodedByNewCode_thenSignatureStillVerifies() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        // signed over the bytes an older encoder produced: the same record without the two fields
        String oldBytes = OLD_CONFIG.replaceAll("\\s*\n\\s*", "");
        SiteConfig decoded = decode(oldBytes);
        String reencoded = new String(codec.encode(decoded.withSig(null)), StandardCharsets.UTF_8);
        assertFalse(reencoded.contains("publicBaseUrl"), reencoded);
        assertFalse(reencoded.contains("alertAhead"), reencoded);
        String sig = Signatures.sign(pair.getPrivate(), Signatures.configBytes("s", decoded, codec));
        SiteConfig received = decode(new String(codec.encode(decoded.withSig(sig)), StandardCharsets.UTF_8));
        assertTrue(Signatures.verify(pair.getPublic(), Signatures.configBytes("s", received, codec), sig));
    }

    @Test
    void givenSignedConfigWithTheFields_whenChanged_thenSignatureBreaks() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SiteConfig c = decode(with("\"publicBaseUrl\":\"https://motcua.example.vn\",\"alertAhead\":5"));
        assertEquals("https://motcua.example.vn", c.publicBaseUrl());
        assertEquals(5, c.alertAheadOrDefault());
        String sig = Signatures.sign(pair.getPrivate(), Signatures.configBytes("s", c, codec));
        SiteConfig moved = new SiteConfig(c.version(), c.siteName(), c.services(), c.counters(), c.officers(),
                c.procedures(), c.ratingScale(), c.notices(), sig).withPublicPage("https://evil.example", 5);
        assertFalse(Signatures.verify(pair.getPublic(), Signatures.configBytes("s", moved, codec), sig));
    }

    @Test
    void givenBadPublicUrlOrAlert_whenDecoded_thenRefusedNamingTheField() {
        for (String bad : List.of("\"publicBaseUrl\":\"ftp://x.vn\"", "\"publicBaseUrl\":\"javascript:alert(1)\"",
                "\"publicBaseUrl\":\"https://x.vn/?a=1\"", "\"publicBaseUrl\":\"https://" + "a".repeat(200) + ".vn\"",
                "\"publicBaseUrl\":\"not a url\"", "\"alertAhead\":0", "\"alertAhead\":21", "\"alertAhead\":\"3\"")) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> decode(with(bad)), bad);
            assertTrue(e.getMessage().contains(bad.substring(1, bad.indexOf('"', 1))), e.getMessage());
        }
    }
}
