package vn.motcua.central.command;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Remote commands ({@code central.commands.*}).
 *
 * @param signingKeyFile env {@code CENTRAL_SIGNING_KEY}: the Ed25519 private key (PKCS#8 PEM, as
 *                       {@code firmware-config provision --central-keys} writes it). When the file does not exist a
 *                       new key pair is created there for a demo, with the public key beside it as {@code .pub}
 * @param ttl            how long a command stays valid after it is issued
 */
@ConfigurationProperties("central.commands")
public record CommandConfig(
        @Bindable(defaultValue = "./data/command-signing.key") String signingKeyFile,
        @Bindable(defaultValue = "5m") Duration ttl) {

    public CommandConfig {
        if (signingKeyFile == null || signingKeyFile.isBlank()) {
            throw new IllegalArgumentException("central.commands.signing-key-file (CENTRAL_SIGNING_KEY) is blank");
        }
        if (ttl == null || ttl.toSeconds() < 5 || ttl.toHours() > 24) {
            throw new IllegalArgumentException("central.commands.ttl must be 5s-24h");
        }
    }
}
