package vn.motcua.agent.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The broker. Environment: MQTT_URL, MQTT_USERNAME, MQTT_PASSWORD (or broker.* of kiosk.yaml). With a password and no
 * user name the agent logs in as its own kiosk, {@code SITE.KIOSK}, the login {@code firmware-config provision} makes.
 */
@ConfigurationProperties("mqtt")
public record MqttSettings(
        @Bindable(defaultValue = "tcp://127.0.0.1:1883") String url,
        @Nullable String username,
        @Nullable String password) {

    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    public MqttSettings {
        String problem = problemWith(url);
        if (problem != null) {
            throw new ConfigurationException("mqtt.url (MQTT_URL) '" + url + "' " + problem);
        }
        username = username == null || username.isBlank() ? null : username;
        password = password == null || password.isEmpty() ? null : password;
    }

    private static String problemWith(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme())) {
                return "must use tcp, ssl, ws or wss, e.g. tcp://127.0.0.1:1883";
            }
            return uri.getHost() == null ? "has no host, e.g. tcp://127.0.0.1:1883" : null;
        } catch (URISyntaxException | NullPointerException e) {
            return "is not a URL, e.g. tcp://127.0.0.1:1883";
        }
    }
}
