package vn.motcua.systemtest;

import vn.motcua.protocol.broker.BrokerLogin;
import vn.motcua.protocol.broker.MosquittoPassword;
import vn.motcua.protocol.sign.Signatures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * The secrets of one test run's work folder, made the way provisioning makes them: central's command/ack signing
 * pair (made before any process starts, so agents can be given the public half first), the broker password file with
 * one {@code SITE.KIOSK} login per kiosk (the embedded broker re-reads it when a kiosk is added), and central's own
 * broker login.
 */
final class SystemLogins {
    static final String CENTRAL_USER = "central";
    static final String CENTRAL_PASSWORD = "system-test-central-password";

    private SystemLogins() {
    }

    static String kioskPassword(String siteId, String kioskId) {
        return "pw-" + siteId + "." + kioskId;
    }

    /** Central's signing key (PKCS#8 PEM, owner-only) with its {@code .pub} beside it, made once per folder. */
    static synchronized Path signingKey(Path workDir) {
        Path dir = workDir.toAbsolutePath().resolve("central-keys");
        Path key = dir.resolve("command-signing.key");
        if (Files.exists(key)) {
            return key;
        }
        try {
            Files.createDirectories(dir);
            KeyPair pair = KeyPairGenerator.getInstance(Signatures.ALGORITHM).generateKeyPair();
            Files.writeString(dir.resolve("command-signing.pub"), Signatures.pem("PUBLIC KEY",
                    pair.getPublic().getEncoded()));
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, Signatures.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path signingPublicKey(Path workDir) {
        return signingKey(workDir).resolveSibling("command-signing.pub");
    }

    static Path passwordFile(Path workDir) {
        return workDir.toAbsolutePath().resolve("broker").resolve("kiosk.passwd");
    }

    /** Adds the kiosk's login to the folder's password file (once). */
    static synchronized void register(Path workDir, String siteId, String kioskId) {
        Path file = passwordFile(workDir);
        String user = BrokerLogin.username(siteId, kioskId);
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.readAllLines(file).stream().anyMatch(l -> l.startsWith(user + ":"))) {
                return;
            }
            String line = user + ":" + MosquittoPassword.hash(kioskPassword(siteId, kioskId).toCharArray(),
                    new SecureRandom()) + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What an agent needs to log in to the broker and to verify central's acks and commands. */
    static Map<String, String> agentEnv(Path workDir, String siteId, String kioskId) {
        register(workDir, siteId, kioskId);
        Map<String, String> env = new HashMap<>();
        env.put("MQTT_USERNAME", BrokerLogin.username(siteId, kioskId));
        env.put("MQTT_PASSWORD", kioskPassword(siteId, kioskId));
        env.put("KIOSK_COMMAND_KEY", signingPublicKey(workDir).toString());
        return env;
    }

    /** What central needs: the folder's signing key, and for its embedded broker the kiosks' logins and its own. */
    static Map<String, String> centralEnv(Path workDir) {
        Path file = passwordFile(workDir);
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("CENTRAL_SIGNING_KEY", signingKey(workDir).toString());
        env.put("MQTT_KIOSK_PASSWORD_FILE", file.toString());
        env.put("MQTT_USERNAME", CENTRAL_USER);
        env.put("MQTT_PASSWORD", CENTRAL_PASSWORD);
        return env;
    }
}
