package vn.motcua.agent.site;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.events.KioskEventBus;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.screen.ConfigChanged;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The site configuration the kiosk runs: services, counters, officers, the procedure catalogue, the rating scale and
 * notices — the same JSON as the MQTT {@code config} message. Read at start-up from {@code KIOSK_SITE_CONFIG}, or
 * the bundled demo site when that is not set. A new version replaces the old one as a whole, or not at all.
 * A version applied from central is kept in the agent's database, written in the same transaction that applies it:
 * after a restart the kiosk runs it again (unless the provisioned file is newer), and a replayed older signed
 * configuration is refused, as is another configuration under a version already applied.
 */
@Singleton
public class SiteConfigStore {
    public static final String BUNDLED_SAMPLE = "/sample-site/site-config.json";
    private static final Logger LOG = LoggerFactory.getLogger(SiteConfigStore.class);

    private final ProtocolCodec codec;
    private final KioskEventBus events;
    private final Database db;
    private final Clock clock;
    private final AtomicReference<Running> current = new AtomicReference<>();

    public SiteConfigStore(ProtocolCodec codec, KioskEventBus events, Database db, Clock clock,
                           @Nullable @Value("${kiosk.site-config:}") String siteConfigFile) {
        this.codec = codec;
        this.events = events;
        this.db = db;
        this.clock = clock;
        Running provisioned = load(siteConfigFile);
        Running applied = db.transaction(this::readApplied);
        current.set(applied != null && applied.config().version() >= provisioned.config().version()
                ? applied : provisioned);
    }

    public SiteConfig current() {
        return current.get().config();
    }

    /** What became of a configuration offered to {@link #apply}. */
    public enum Outcome {
        APPLIED,
        /** the very configuration (same bytes) runs already: the retained message again after a reconnect */
        RUNNING,
        /** refused: a lower version than one running or applied before (a replay, or central's mistake) */
        OLDER,
        /** refused: other content under a version already running or applied before */
        SAME_VERSION_OTHER_CONTENT
    }

    /**
     * Applies a configuration if it parses and is newer than both the running one and every one applied before,
     * recording it in the database in the same transaction.
     */
    public synchronized Outcome apply(byte[] json) throws ProtocolException {
        SiteConfig next = codec.decodeSiteConfig(json);
        Running before = current.get();
        Outcome outcome = db.transaction(c -> {
            Stored stored = readStored(c);
            long floor = stored == null ? before.config().version()
                    : Math.max(before.config().version(), stored.version());
            if (next.version() < floor) {
                return Outcome.OLDER;
            }
            if (next.version() == floor) {
                boolean same = Arrays.equals(json, before.payload())
                        || stored != null && Arrays.equals(json, stored.payload());
                return same ? Outcome.RUNNING : Outcome.SAME_VERSION_OTHER_CONTENT;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO applied_site_config "
                    + "(id, version, payload, applied_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                    + "version = excluded.version, payload = excluded.payload, applied_at = excluded.applied_at")) {
                ps.setLong(1, next.version());
                ps.setBytes(2, json);
                ps.setString(3, OffsetDateTime.now(clock).toString());
                ps.executeUpdate();
            }
            return Outcome.APPLIED;
        });
        if (outcome == Outcome.APPLIED) {
            current.set(new Running(next, json));
            LOG.info("site configuration version {} applied ({} services, {} procedures)", next.version(),
                    next.services().size(), next.procedures().size());
            events.publish(new ConfigChanged(next.version()));
        }
        return outcome;
    }

    /** The highest version ever applied from central, or the running one if none was. */
    public long appliedVersion() {
        Stored stored = db.transaction(this::readStored);
        return stored == null ? current().version() : Math.max(stored.version(), current().version());
    }

    private record Running(SiteConfig config, byte[] payload) {
    }

    private record Stored(long version, byte[] payload) {
    }

    private Stored readStored(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version, payload FROM applied_site_config WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Stored(rs.getLong(1), rs.getBytes(2)) : null;
        }
    }

    private Running readApplied(Connection c) throws SQLException {
        Stored stored = readStored(c);
        if (stored == null) {
            return null;
        }
        try {
            SiteConfig config = codec.decodeSiteConfig(stored.payload());
            LOG.info("site configuration version {} from the database (applied from central before)",
                    config.version());
            return new Running(config, stored.payload());
        } catch (ProtocolException e) {
            LOG.error("site configuration version {} in the database no longer reads ({}); running the provisioned "
                    + "one, and still refusing versions up to {}", stored.version(), e.getMessage(), stored.version());
            return null;
        }
    }

    private Running load(String file) {
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

    private Running decode(byte[] json, String source) {
        try {
            SiteConfig config = codec.decodeSiteConfig(json);
            LOG.info("site configuration version {} from {}", config.version(), source);
            return new Running(config, json);
        } catch (ProtocolException e) {
            throw new IllegalStateException("site configuration " + source + " is invalid: " + e.getMessage(), e);
        }
    }
}
