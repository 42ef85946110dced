package vn.motcua.central.config;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.auth.Principal;
import vn.motcua.central.command.CommandSigner;
import vn.motcua.central.fleet.FleetMqttClient;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskState;
import vn.motcua.central.store.SqlAccess;
import vn.motcua.central.web.Forbidden;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.protocol.sign.Signatures;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/**
 * Publishes a site's configuration: validates it with the contract's own decoder, gives it the next version, signs
 * it, keeps it, and publishes it retained on the {@code config} topic of every kiosk of the site.
 */
@Singleton
public class SiteConfigService {
    private static final Logger LOG = LoggerFactory.getLogger(SiteConfigService.class);
    private final SqlAccess sql;
    private final EventStore store;
    private final CommandSigner signer;
    private final FleetMqttClient mqtt;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Clock clock = Clock.systemUTC();

    public SiteConfigService(SqlAccess sql, EventStore store, CommandSigner signer, FleetMqttClient mqtt) {
        this.sql = sql;
        this.store = store;
        this.signer = signer;
        this.mqtt = mqtt;
    }

    public record Published(String siteId, long version, int kiosks) {
    }

    /**
     * {@code json} is a site configuration; it is published as the next version, above both the site's latest and
     * the draft's own, and its {@code sig} is replaced.
     */
    public Published publish(Principal who, String siteId, byte[] json) {
        if (!who.role().canAdminister()) {
            throw new Forbidden("only an admin may publish configurations");
        }
        if (!Topics.isValidId(siteId)) {
            throw new BadParameterException("siteId", "must be 1-64 of A-Z a-z 0-9 _ -");
        }
        SiteConfig draft;
        try {
            draft = codec.decodeSiteConfig(json);
        } catch (ProtocolException e) {
            throw new BadParameterException("config", e.getMessage());
        }
        // above the draft's own version too: kiosks apply only a newer version than the one they run
        long version = Math.max(latestVersion(siteId).orElse(0L), draft.version()) + 1;
        SiteConfig unsigned = new SiteConfig(version, draft.siteName(), draft.services(), draft.counters(),
                draft.officers(), draft.procedures(), draft.ratingScale(), draft.notices(), null);
        String sig = signer.sign(Signatures.configBytes(siteId, unsigned, codec));
        SiteConfig signed = new SiteConfig(version, draft.siteName(), draft.services(), draft.counters(),
                draft.officers(), draft.procedures(), draft.ratingScale(), draft.notices(), sig);
        byte[] payload = codec.encode(signed);
        sql.write("store configuration " + siteId + " v" + version, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO site_configs (site_id, version, body, published_by, published_at)
                    VALUES (?, ?, ?, ?, ?)""")) {
                ps.setString(1, siteId);
                ps.setLong(2, version);
                ps.setString(3, new String(payload, StandardCharsets.UTF_8));
                ps.setString(4, who.username());
                ps.setLong(5, clock.millis());
                ps.executeUpdate();
            }
            return null;
        });
        int sent = 0;
        for (KioskState k : store.kiosks()) {
            if (k.siteId().equals(siteId)
                    && mqtt.publish(Topics.of(siteId, k.kioskId(), Topics.CONFIG), payload, 1, true)) {
                sent++;
            }
        }
        LOG.info("site {}: configuration version {} published by {} to {} kiosks", siteId, version, who.username(),
                sent);
        return new Published(siteId, version, sent);
    }

    public Optional<Long> latestVersion(String siteId) {
        return sql.query("latest configuration of " + siteId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MAX(version) FROM site_configs WHERE site_id = ?")) {
                ps.setString(1, siteId);
                try (ResultSet rs = ps.executeQuery()) {
                    long v = rs.next() ? rs.getLong(1) : 0;
                    return v > 0 ? Optional.of(v) : Optional.empty();
                }
            }
        });
    }

    public Optional<String> latestBody(String siteId) {
        return sql.query("read configuration of " + siteId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT body FROM site_configs WHERE site_id = ? ORDER BY version DESC LIMIT 1")) {
                ps.setString(1, siteId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }
}
