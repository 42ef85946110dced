package vn.motcua.agent.remote;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.protocol.sign.Signatures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/** Central's Ed25519 public key, read once at start; null when the file is missing (then everything is refused). */
@Singleton
public class CentralPublicKey {
    private static final Logger LOG = LoggerFactory.getLogger(CentralPublicKey.class);
    private final PublicKey key;

    public CentralPublicKey(RemoteSettings settings) {
        Path file = Path.of(settings.publicKeyFile());
        if (Files.notExists(file)) {
            LOG.warn("no command-signing public key at {} (agent.remote.public-key-file, KIOSK_COMMAND_KEY): remote "
                    + "commands and configurations will be refused", file);
            key = null;
        } else {
            key = Signatures.readPublicKey(file);
            LOG.info("remote commands and configurations are verified with {}", file);
        }
    }

    public PublicKey get() {
        return key;
    }
}
