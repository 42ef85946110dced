package vn.motcua.agent.config;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.RemoteSettings;
import vn.motcua.protocol.sign.Signatures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * Central's Ed25519 public key, read once at start. It verifies commands, configurations and acks; without it every
 * command and configuration is refused, and sync cannot run at all (see {@link #requiredForSync()}).
 */
@Singleton
public class CentralPublicKey {
    private static final Logger LOG = LoggerFactory.getLogger(CentralPublicKey.class);
    private final PublicKey key;
    private final Path file;

    public CentralPublicKey(RemoteSettings settings) {
        file = Path.of(settings.publicKeyFile());
        if (Files.notExists(file)) {
            LOG.warn("no command-signing public key at {} (agent.remote.public-key-file, KIOSK_COMMAND_KEY): remote "
                    + "commands and configurations will be refused", file);
            key = null;
        } else {
            key = Signatures.readPublicKey(file);
            LOG.info("remote commands, configurations and acks are verified with {}", file);
        }
    }

    /** The key, or null when none is configured. */
    public PublicKey get() {
        return key;
    }

    /**
     * The key the publisher verifies central's acks with. Without it no ack could be trusted, so no event could ever
     * be deleted: the agent refuses to start with sync on rather than fill its disk.
     */
    public PublicKey requiredForSync() {
        if (key == null) {
            throw new ConfigurationException("no central public key at " + file + ": with sync on "
                    + "(agent.sync.enabled) the agent deletes an event only on an ack signed by central, so set "
                    + "KIOSK_COMMAND_KEY (agent.remote.public-key-file) to central's command-signing public key "
                    + "(firmware-config provision writes it to /etc/kiosk/command-signing.pub), or turn sync off");
        }
        return key;
    }
}
