package vn.motcua.agent.site;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.stream.KioskEventBus;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.message.SiteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The site configuration the kiosk runs: services, counters, officers, the procedure catalogue, the rating scale and
 * notices — the same JSON as the MQTT {@code config} message. Read at start-up from {@code KIOSK_SITE_CONFIG}, or
 * the bundled demo site when that is not set. A new version replaces the old one as a whole, or not at all.
 */
@Singleton
public class SiteConfigStore {
    public static final String BUNDLED_SAMPLE = "/sample-site/site-config.json";
    private static final Logger LOG = LoggerFactory.getLogger(SiteConfigStore.class);

    private final ProtocolCodec codec;
    private final KioskEventBus events;
    private final AtomicReference<SiteConfig> current = new AtomicReference<>();

    public SiteConfigStore(ProtocolCodec codec, KioskEventBus events,
                           @Nullable @Value("${kiosk.site-config:}") String siteConfigFile) {
        this.codec = codec;
        this.events = events;
        current.set(load(siteConfigFile));
    }

    public SiteConfig current() {
        return current.get();
    }

    /** Applies a new version if it parses and is newer; returns whether it was applied. */
    public boolean apply(byte[] json) throws ProtocolException {
        SiteConfig next = codec.decodeSiteConfig(json);
        SiteConfig before = current.get();
        if (before != null && next.version() <= before.version()) {
            return false;
        }
        current.set(next);
        LOG.info("site configuration version {} applied ({} services, {} procedures)", next.version(),
                next.services().size(), next.procedures().size());
        events.publish(KioskEventBus.CONFIG, new ConfigChanged(next.version()));
        return true;
    }

    public record ConfigChanged(long version) {
    }

    private SiteConfig load(String file) {
        if (file == null || file.isBlank()) {
            try (InputStream in = SiteConfigStore.class.getResourceAsStream(BUNDLED_SAMPLE)) {
                if (in == null) {
                    throw new IllegalStateException("bundled site configuration " + BUNDLED_SAMPLE + " is missing");
                }
                return decode(in.readAllBytes(), "bundled " + BUNDLED_SAMPLE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path path = Path.of(file);
        try {
            return decode(Files.readAllBytes(path), path.toString());
        } catch (IOException e) {
            throw new IllegalStateException("site configuration " + path + " (kiosk.site-config, KIOSK_SITE_CONFIG) "
                    + "cannot be read: " + e.getMessage(), e);
        }
    }

    private SiteConfig decode(byte[] json, String source) {
        try {
            SiteConfig config = codec.decodeSiteConfig(json);
            LOG.info("site configuration version {} from {}", config.version(), source);
            return config;
        } catch (ProtocolException e) {
            throw new IllegalStateException("site configuration " + source + " is invalid: " + e.getMessage(), e);
        }
    }
}
