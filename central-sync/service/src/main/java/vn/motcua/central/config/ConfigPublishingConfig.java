package vn.motcua.central.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Site configuration delivery ({@code central.site-config.*}).
 *
 * @param resendAfter a kiosk that reports an older version than its site's latest (or none) is sent the latest again
 *                    at most once in this time for each version: often enough to heal a lost message, never a loop
 *                    with a kiosk that refuses it (env {@code SITE_CONFIG_RESEND_AFTER})
 * @param maxBytes    the largest configuration an admin may publish, as JSON bytes: it is kept for every version and
 *                    sent, retained, to every kiosk of the site. The default holds a catalogue of about 5,000
 *                    procedures with their documents (env {@code SITE_CONFIG_MAX_BYTES})
 */
@ConfigurationProperties("central.site-config")
public record ConfigPublishingConfig(@Bindable(defaultValue = "1h") Duration resendAfter,
                                     @Bindable(defaultValue = "4194304") long maxBytes) {
    public static final long MAX_BYTES_LIMIT = 8L * 1024 * 1024;

    public ConfigPublishingConfig {
        if (resendAfter == null || resendAfter.toMillis() < 1000) {
            throw new IllegalArgumentException("central.site-config.resend-after (SITE_CONFIG_RESEND_AFTER) must be "
                    + "at least 1s, e.g. 1h");
        }
        if (maxBytes < 1024 || maxBytes > MAX_BYTES_LIMIT) {
            throw new IllegalArgumentException("central.site-config.max-bytes (SITE_CONFIG_MAX_BYTES) must be "
                    + "1024-" + MAX_BYTES_LIMIT + " bytes, was " + maxBytes);
        }
    }
}
