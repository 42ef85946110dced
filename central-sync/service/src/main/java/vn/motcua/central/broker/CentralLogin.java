package vn.motcua.central.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.SecretFile;
import vn.motcua.central.StartupRefusedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Central's own broker login: the configured one, or {@code central} with a password kept in a 0600 file. */
public record CentralLogin(String username, String password) {
    private static final Logger LOG = LoggerFactory.getLogger(CentralLogin.class);
    private static final int PASSWORD_BYTES = 24;

    /** No login (an external broker that takes anonymous clients). */
    public static final CentralLogin NONE = new CentralLogin("", "");

    public boolean isSet() {
        return !username.isEmpty();
    }

    boolean matches(String user, byte[] offered) {
        return isSet() && username.equals(user)
                && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), offered);
    }

    @Override
    public String toString() {
        return "CentralLogin[" + username + "]";
    }

    /** For the embedded broker: the configured login, else {@code central} with the kept (or a new) password. */
    static CentralLogin forEmbedded(MqttConfig config, SecureRandom random) {
        if (!config.username().isEmpty()) {
            return new CentralLogin(config.username(), config.password());
        }
        Path file = Path.of(config.centralPasswordFile());
        try {
            if (Files.notExists(file)) {
                byte[] bytes = new byte[PASSWORD_BYTES];
                random.nextBytes(bytes);
                SecretFile.create(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n");
                LOG.info("embedded MQTT broker: created central's login '{}' with its password in {} (owner only)",
                        MqttConfig.CENTRAL_USERNAME, file);
            } else if (SecretFile.isExposed(file)) {
                LOG.warn("{} (central's broker password) can be read by others: chmod 600 it", file);
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new StartupRefusedException(file + " (MQTT_CENTRAL_PASSWORD_FILE) is empty: delete it to have "
                        + "a new password made, or write one in it", 1);
            }
            return new CentralLogin(MqttConfig.CENTRAL_USERNAME, password);
        } catch (IOException e) {
            throw new StartupRefusedException("cannot read or create central's broker password " + file
                    + " (MQTT_CENTRAL_PASSWORD_FILE): " + e, 1);
        }
    }
}
