package vn.motcua.agent.remote;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Signed remote commands and configurations ({@code agent.remote.*}).
 *
 * @param publicKeyFile env {@code KIOSK_COMMAND_KEY}: central's Ed25519 public key (X.509 PEM, as firmware-config
 *                      provisions it). When the file is missing, every command and configuration is refused.
 * @param clockSkew     how far in the future a command's issue time may be (the kiosk's clock may lag)
 * @param maxLifetime   a command valid for longer than this is refused, so the replay memory stays bounded
 */
@ConfigurationProperties("agent.remote")
public record RemoteSettings(
        @Bindable(defaultValue = "/etc/kiosk/command-signing.pub") String publicKeyFile,
        @Bindable(defaultValue = "2m") Duration clockSkew,
        @Bindable(defaultValue = "24h") Duration maxLifetime) {
}
