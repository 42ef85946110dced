package vn.motcua.central.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Sign-in ({@code central.auth.*}).
 *
 * @param adminUser         env {@code CENTRAL_ADMIN_USER}: created as admin at start when no user exists yet
 * @param adminPassword     env {@code CENTRAL_ADMIN_PASSWORD}: at least 10 characters; there is no default
 * @param apiToken          env {@code CENTRAL_API_TOKEN}: a bearer token for the read API ({@code /api/stats},
 *                          {@code /api/kiosks}, {@code /api/events}) used by scripts; blank disables it
 * @param sessionTtl        how long a session lasts after sign-in
 * @param cookieSecure      send the session cookie over HTTPS only (set it when central is behind TLS)
 * @param maxFailures       failed sign-ins per user name within {@code failureWindow} before refusing that name
 * @param maxAddressFailures failed sign-ins per client address within {@code failureWindow} before refusing it (higher:
 *                          one office may share an address)
 * @param failureWindow     the window of {@code maxFailures}; a throttled sign-in may try again when it has passed
 * @param bcryptStrength    bcrypt cost (log2 rounds)
 */
@ConfigurationProperties("central.auth")
public record AuthConfig(
        @Bindable(defaultValue = "") String adminUser,
        @Bindable(defaultValue = "") String adminPassword,
        @Bindable(defaultValue = "") String apiToken,
        @Bindable(defaultValue = "8h") Duration sessionTtl,
        @Bindable(defaultValue = "false") boolean cookieSecure,
        @Bindable(defaultValue = "5") int maxFailures,
        @Bindable(defaultValue = "30") int maxAddressFailures,
        @Bindable(defaultValue = "15m") Duration failureWindow,
        @Bindable(defaultValue = "11") int bcryptStrength) {

    public static final int PASSWORD_MIN = 10;

    public AuthConfig {
        adminUser = adminUser == null ? "" : adminUser.trim();
        adminPassword = adminPassword == null ? "" : adminPassword;
        apiToken = apiToken == null ? "" : apiToken.trim();
        if (maxFailures < 1 || maxFailures > 1000) {
            throw new IllegalArgumentException("central.auth.max-failures must be 1-1000, was " + maxFailures);
        }
        if (maxAddressFailures < 1 || maxAddressFailures > 100000) {
            throw new IllegalArgumentException("central.auth.max-address-failures must be 1-100000, was "
                    + maxAddressFailures);
        }
        if (bcryptStrength < 4 || bcryptStrength > 31) {
            throw new IllegalArgumentException("central.auth.bcrypt-strength must be 4-31, was " + bcryptStrength);
        }
        if (!apiToken.isEmpty() && apiToken.length() < 16) {
            throw new IllegalArgumentException("central.auth.api-token (CENTRAL_API_TOKEN) must be at least 16 "
                    + "characters");
        }
    }
}
