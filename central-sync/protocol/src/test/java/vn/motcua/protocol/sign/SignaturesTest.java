package vn.motcua.protocol.sign;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.SiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignaturesTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    private static SiteConfig config(long version, String sig) {
        return new SiteConfig(version, "Sở GD&ĐT — Bộ phận Một cửa",
                List.of(new SiteConfig.Service("A", "Văn bằng, chứng chỉ", "Diplomas")),
                List.of(new SiteConfig.Counter("1", "Quầy 1", List.of("A"))),
                List.of(new SiteConfig.Officer("o1", "Nguyễn Văn A", null)),
                List.of(new SiteConfig.Procedure("1.005090", "Xác minh văn bằng", null, "Văn bằng", "3", true, null,
                        "5 ngày", List.of("Đơn đề nghị"), "https://dichvucong.gov.vn/p/1.005090", "A")),
                5, List.of("Nghỉ trưa 11:30–13:30"), sig);
    }

    @Test
    void givenSignedConfig_whenSentAsJsonAndDecoded_thenSignatureVerifies_andTamperingBreaksIt() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SiteConfig unsigned = config(7, null);
        String sig = Signatures.sign(pair.getPrivate(), Signatures.configBytes("site-1", unsigned, codec));
        byte[] wire = codec.encode(config(7, sig));
        SiteConfig received = codec.decodeSiteConfig(wire);
        assertTrue(Signatures.verify(pair.getPublic(), Signatures.configBytes("site-1", received, codec),
                received.sig()));
        assertFalse(Signatures.verify(pair.getPublic(), Signatures.configBytes("site-2", received, codec),
                received.sig()), "a configuration signed for one site must not verify for another");
        SiteConfig newer = codec.decodeSiteConfig(codec.encode(config(8, sig)));
        assertFalse(Signatures.verify(pair.getPublic(), Signatures.configBytes("site-1", newer, codec), newer.sig()));
        assertFalse(Signatures.verify(pair.getPublic(), Signatures.configBytes("site-1", received, codec), "!!"));
    }

    @Test
    void givenSignedAck_whenDecoded_thenItVerifiesOnlyForItsKioskBatchAndSequence() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        vn.motcua.protocol.message.Ack unsigned = new vn.motcua.protocol.message.Ack("site-1", "kiosk-01", 47,
                "5f0c2b8e-1d7a-4c3e-9b6f-2a8d4e1c7b90", null);
        String sig = Signatures.sign(pair.getPrivate(), Signatures.ackBytes(unsigned));
        vn.motcua.protocol.message.Ack received = codec.decodeAck(codec.encode(unsigned.signed(sig)));
        assertTrue(Signatures.verify(pair.getPublic(), Signatures.ackBytes(received), received.sig()));
        assertFalse(Signatures.verify(pair.getPublic(), Signatures.ackBytes("site-2", "kiosk-01",
                received.batchId(), 47), sig), "an ack for one site's kiosk-01 must not verify for another site's");
        assertFalse(Signatures.verify(pair.getPublic(), Signatures.ackBytes("site-1", "kiosk-01",
                received.batchId(), Long.MAX_VALUE), sig), "the sequence is covered by the signature");
        assertFalse(Signatures.verify(pair.getPublic(), Signatures.ackBytes("site-1", "kiosk-01",
                "00000000-0000-4000-8000-000000000000", 47), sig), "the batch is covered by the signature");
    }

    @Test
    void givenUnsignedAck_whenDecoded_thenRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(vn.motcua.protocol.ProtocolException.class,
                () -> codec.decodeAck("{\"upToSeq\":9223372036854775807}".getBytes()));
    }

    @Test
    void givenPemFiles_whenRead_thenKeysWork(@TempDir Path dir) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.writeString(dir.resolve("k.key"), Signatures.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("k.pub"), Signatures.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        byte[] data = "dữ liệu".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sig = Signatures.sign(Signatures.readPrivateKey(dir.resolve("k.key")), data);
        assertTrue(Signatures.verify(Signatures.readPublicKey(dir.resolve("k.pub")), data, sig));
    }
}
