package vn.motcua.protocol.sign;

import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.message.SiteConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ed25519 signatures of commands, site configurations and acks, and the bytes they cover. A command's signature also
 * covers the site and kiosk it was sent to, so a command captured on one kiosk's topic is refused by every other.
 * Keys are PEM files as firmware-config writes them: PKCS#8 {@code PRIVATE KEY}, X.509 {@code PUBLIC KEY}.
 */
public final class Signatures {
    public static final String ALGORITHM = "Ed25519";

    private Signatures() {
    }

    /** Length-prefixed fields, so that no two different commands share the same bytes. */
    public static byte[] commandBytes(String siteId, String kioskId, Command c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, "kiosk-cmd-v1");
        field(out, siteId);
        field(out, kioskId);
        field(out, c.id());
        field(out, c.type());
        field(out, c.issuedAt().toInstant().toString());
        field(out, c.expiresAt().toInstant().toString());
        Map<String, String> sorted = new TreeMap<>(c.args());
        field(out, String.valueOf(sorted.size()));
        sorted.forEach((k, v) -> {
            field(out, k);
            field(out, v);
        });
        return out.toByteArray();
    }

    /** What central signs in an ack: the kiosk it answers, the batch it answers and how far it stores. */
    public static byte[] ackBytes(String siteId, String kioskId, String batchId, long upToSeq) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, "kiosk-ack-v1");
        field(out, siteId);
        field(out, kioskId);
        field(out, batchId);
        field(out, Long.toString(upToSeq));
        return out.toByteArray();
    }

    public static byte[] ackBytes(vn.motcua.protocol.message.Ack ack) {
        return ackBytes(ack.siteId(), ack.kioskId(), ack.batchId(), ack.upToSeq());
    }

    /** The configuration's JSON with {@code sig} left out, behind the site it is for. */
    public static byte[] configBytes(String siteId, SiteConfig config, ProtocolCodec codec) {
        return configBytes(siteId, codec.encode(config.signed(config.version(), null)));
    }

    /** The same bytes from the JSON as received, {@code sig} left out ({@link ProtocolCodec#siteConfigWithoutSig}). */
    public static byte[] configBytes(String siteId, byte[] unsignedJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, "kiosk-config-v1");
        field(out, siteId);
        out.writeBytes(unsignedJson);
        return out.toByteArray();
    }

    public static String sign(PrivateKey key, byte[] bytes) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(bytes);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM, e);
        }
    }

    /** False for a signature that does not verify or cannot be decoded; never throws for bad input. */
    public static boolean verify(PublicKey key, byte[] bytes, String signature) {
        if (signature == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(bytes);
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    public static PublicKey readPublicKey(Path pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(Path pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path pem, String type) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(pem + " cannot be read", e);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(pem + " holds no " + begin);
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.write('\n');
    }
}
