package vn.motcua.central.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import vn.motcua.central.web.BodyLimit;

/** A published site configuration is bounded by {@code central.site-config.max-bytes}. */
@Factory
class SiteConfigBodyLimit {

    @Singleton
    BodyLimit siteConfigBodyLimit(ConfigPublishingConfig config) {
        return new BodyLimit("/api/sites/", "/config", config.maxBytes(), "config", false);
    }
}
