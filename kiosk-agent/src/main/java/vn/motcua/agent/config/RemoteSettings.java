package vn.motcua.agent.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Signed remote commands and configurations ({@code agent.remote.*}).
 *
 * @param publicKeyFile          env {@code KIOSK_COMMAND_KEY}: central's Ed25519 public key (X.509 PEM, as
 *                               firmware-config provisions it). It verifies commands, configurations and acks; when
 *                               the file is missing every command and configuration is refused, and the agent does
 *                               not start with sync on.
 * @param clockSkew              how far in the future a command's issue time may be (the kiosk's clock may lag)
 * @param maxLifetime            a command valid for longer than this is refused, so the replay memory stays bounded
 * @param seenCommandsKept       the newest accepted command ids always remembered, whatever the clock says
 * @param seenCommandsForgetAfter an older id is forgotten only once its command expired this long before the newest
 *                               accepted command's expiry (central's time, not the kiosk's clock)
 */
@ConfigurationProperties("agent.remote")
public record RemoteSettings(
        @Bindable(defaultValue = "/etc/kiosk/command-signing.pub") String publicKeyFile,
        @Bindable(defaultValue = "2m") Duration clockSkew,
        @Bindable(defaultValue = "24h") Duration maxLifetime,
        @Bindable(defaultValue = "10000") int seenCommandsKept,
        @Bindable(defaultValue = "30d") Duration seenCommandsForgetAfter) {

    public RemoteSettings {
        if (seenCommandsKept < 1) {
            throw new ConfigurationException("agent.remote.seen-commands-kept must be at least 1, got "
                    + seenCommandsKept);
        }
        if (seenCommandsForgetAfter == null || seenCommandsForgetAfter.compareTo(maxLifetime) < 0) {
            throw new ConfigurationException("agent.remote.seen-commands-forget-after must be at least "
                    + "agent.remote.max-lifetime (" + maxLifetime + "), got " + seenCommandsForgetAfter);
        }
    }
}
