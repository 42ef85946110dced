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
 */
@ConfigurationProperties("central.site-config")
public record ConfigPublishingConfig(@Bindable(defaultValue = "1h") Duration resendAfter) {
    public ConfigPublishingConfig {
        if (resendAfter == null || resendAfter.toMillis() < 1000) {
            throw new IllegalArgumentException("central.site-config.resend-after (SITE_CONFIG_RESEND_AFTER) must be "
                    + "at least 1s, e.g. 1h");
        }
    }
}
