package vn.motcua.central.command;

import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.SecretFile;
import vn.motcua.protocol.sign.Signatures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;

/**
 * Central's Ed25519 command-signing key: the one firmware-config provisioned, or a demo pair created on first start.
 * Loaded at start, so a broken key file stops central at once and a demo pair exists before any kiosk needs it.
 */
@Context
public class CommandSigner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandSigner.class);
    private final PrivateKey key;

    public CommandSigner(CommandConfig config) {
        Path file = Path.of(config.signingKeyFile());
        if (Files.notExists(file)) {
            createDemoPair(file);
        }
        this.key = Signatures.readPrivateKey(file);
    }

    public String sign(byte[] bytes) {
        return Signatures.sign(key, bytes);
    }

    private static void createDemoPair(Path file) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(Signatures.ALGORITHM).generateKeyPair();
            Path parent = file.toAbsolutePath().getParent();
            SecretFile.create(file, Signatures.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Path pub = parent.resolve(publicName(file));
            Files.writeString(pub, Signatures.pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                    StandardCharsets.US_ASCII);
            LOG.warn("no command-signing key at {}: created a demo key pair; give kiosks {} (KIOSK_COMMAND_KEY), or "
                    + "use the pair from firmware-config provision --central-keys in production", file, pub);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the command-signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is missing from this JVM", e);
        }
    }

    static String publicName(Path privateKey) {
        String name = privateKey.getFileName().toString();
        return (name.endsWith(".key") ? name.substring(0, name.length() - 4) : name) + ".pub";
    }
}
