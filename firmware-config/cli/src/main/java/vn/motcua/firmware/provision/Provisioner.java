package vn.motcua.firmware.provision;

import vn.motcua.firmware.FileWriter;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.broker.BrokerLogin;
import vn.motcua.protocol.broker.MosquittoPassword;
import vn.motcua.protocol.broker.TopicRights;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Creates one kiosk's broker login and the files it needs to trust central. The password goes only into files made
 * 0600; what this returns (and so what the command prints) is file names and the login, never a secret.
 */
public final class Provisioner {
    public static final String PASSWORD_FILE = "broker/mosquitto.passwd";
    public static final String ACL_FILE = "broker/mosquitto.acl";
    public static final String KIOSK_PASSWORD = "kiosk/mqtt-password";
    public static final String KIOSK_SIGNING_KEY = "kiosk/command-signing.pub";
    public static final String KIOSK_CA = "kiosk/ca.pem";
    public static final String CENTRAL_PRIVATE_KEY = "command-signing.key";
    public static final String CENTRAL_PUBLIC_KEY = "command-signing.pub";
    private static final int PASSWORD_BYTES = 24;

    private final SecureRandom random;

    public Provisioner(SecureRandom random) {
        this.random = random;
    }

    /** The broker login of a kiosk: unique across sites, and readable in the broker's log. */
    public static String username(String site, String kiosk) {
        return BrokerLogin.username(site, kiosk);
    }

    /**
     * Mosquitto ACL: the kiosk publishes only its own events, status, telemetry and command results, and reads only
     * its own ack, commands and configuration — never writes them, since only central's word may delete an event.
     */
    public static String acl(String site, String kiosk) {
        StringBuilder acl = new StringBuilder("user " + username(site, kiosk) + "\n");
        TopicRights.KIOSK_PUBLISHES.forEach(s -> acl.append("topic write ").append(Topics.of(site, kiosk, s)).append('\n'));
        TopicRights.KIOSK_READS.forEach(s -> acl.append("topic read ").append(Topics.of(site, kiosk, s)).append('\n'));
        return acl.toString();
    }

    /**
     * Central's Mosquitto ACL stanza, once per broker: it reads every kiosk's topics (its shared subscriptions
     * included) and writes only acks, commands and configurations.
     */
    public static String centralAcl(String centralUser) {
        StringBuilder acl = new StringBuilder("user " + centralUser + "\n");
        acl.append("topic read ").append(Topics.ROOT).append("/#\n");
        TopicRights.CENTRAL_PUBLISHES.forEach(s -> acl.append("topic write ").append(Topics.allKiosks(s)).append('\n'));
        return acl.toString();
    }

    /**
     * @param out        receives broker/ (lines to append to Mosquitto's password and ACL files) and kiosk/ (files
     *                   for the kiosk's /etc/kiosk)
     * @param centralDir central's command-signing key pair; created on first use, then reused for every kiosk
     * @param caBundle   the broker's CA bundle, or null when the broker's certificate chains to a public CA
     * @return the paths written, relative to {@code out} or absolute for the central key pair
     */
    public List<String> provision(String site, String kiosk, Path out, Path centralDir, Path caBundle)
            throws IOException {
        if (!Topics.isValidId(site) || !Topics.isValidId(kiosk)) {
            throw new IllegalArgumentException("--site and --kiosk must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        List<String> written = new ArrayList<>();
        char[] password = newPassword();
        try {
            FileWriter.write(out.resolve(KIOSK_PASSWORD), new String(password) + "\n", FileWriter.SECRET);
            FileWriter.write(out.resolve(PASSWORD_FILE),
                    username(site, kiosk) + ":" + MosquittoPassword.hash(password, random) + "\n", FileWriter.SECRET);
        } finally {
            MosquittoPassword.wipe(password);
        }
        written.add(KIOSK_PASSWORD);
        written.add(PASSWORD_FILE);
        FileWriter.write(out.resolve(ACL_FILE), acl(site, kiosk), FileWriter.PUBLIC);
        written.add(ACL_FILE);

        Path publicKey = centralDir.resolve(CENTRAL_PUBLIC_KEY);
        if (Files.notExists(publicKey)) {
            createSigningKeyPair(centralDir);
            written.add(centralDir.resolve(CENTRAL_PRIVATE_KEY).toString());
            written.add(publicKey.toString());
        }
        FileWriter.write(out.resolve(KIOSK_SIGNING_KEY), Files.readAllBytes(publicKey), FileWriter.PUBLIC);
        written.add(KIOSK_SIGNING_KEY);
        if (caBundle != null) {
            String pem = Files.readString(caBundle, StandardCharsets.US_ASCII);
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new IllegalArgumentException(caBundle + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
            FileWriter.write(out.resolve(KIOSK_CA), pem, FileWriter.PUBLIC);
            written.add(KIOSK_CA);
        }
        return written;
    }

    private char[] newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    /** Ed25519: small keys, deterministic signatures, in every JDK since 15. */
    private void createSigningKeyPair(Path centralDir) throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, random);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is missing from this JVM", e);
        }
        FileWriter.write(centralDir.resolve(CENTRAL_PRIVATE_KEY), pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                FileWriter.SECRET);
        FileWriter.write(centralDir.resolve(CENTRAL_PUBLIC_KEY), pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                FileWriter.PUBLIC);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
