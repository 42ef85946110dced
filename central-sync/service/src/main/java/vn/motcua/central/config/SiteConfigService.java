package vn.motcua.central.config;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.api.TooLargeException;
import vn.motcua.central.web.Principal;
import vn.motcua.central.command.CommandSigner;
import vn.motcua.central.kiosklink.KioskDownlink;
import vn.motcua.central.kiosklink.TelemetryReceived;
import vn.motcua.central.report.officer.OfficerLinesDue;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.store.KioskState;
import vn.motcua.central.store.StoreException;
import vn.motcua.central.web.Forbidden;
import vn.motcua.central.web.Lang;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.RejectReason;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.protocol.sign.Signatures;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/**
 * Publishes a site's configuration: validates it with the contract's own decoder and {@link SiteConfigRules}, gives
 * it the next version, signs it, keeps it, and publishes it retained on the {@code config} topic of every kiosk of
 * the site known then.
 * A kiosk that turns up later, or reports an older version than its site's latest, is sent the latest when its
 * telemetry arrives; at most once per version and {@link ConfigPublishingConfig#resendAfter()}, so a kiosk that keeps
 * refusing it is not flooded.
 */
@Singleton
public class SiteConfigService {
    /** How far above the latest version a draft may set the numbering. */
    static final long MAX_VERSION_STEP = 1000;
    /** The page edits drafts in JavaScript, whose numbers are exact up to here. */
    static final long MAX_VERSION = (1L << 53) - 1;
    private static final Logger LOG = LoggerFactory.getLogger(SiteConfigService.class);
    private final Database sql;
    private final EventStore store;
    private final CommandSigner signer;
    private final KioskDownlink downlink;
    private final ConfigPublishingConfig config;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Clock clock;

    public SiteConfigService(Database sql, EventStore store, CommandSigner signer, KioskDownlink downlink,
                             ConfigPublishingConfig config, Clock clock) {
        this.sql = sql;
        this.clock = clock;
        this.store = store;
        this.signer = signer;
        this.downlink = downlink;
        this.config = config;
    }

    public record Published(String siteId, long version, int kiosks) {
    }

    /**
     * {@code json} is a site configuration; it is published as the next version, above both the site's latest and
     * the draft's own, and its {@code sig} is replaced.
     */
    public Published publish(Principal who, String siteId, byte[] json) {
        return publish(who, siteId, json, Lang.EN);
    }

    /** As {@link #publish(Principal, String, byte[])}, saying what is wrong with the draft in {@code lang}. */
    public Published publish(Principal who, String siteId, byte[] json, Lang lang) {
        if (!who.role().canAdminister()) {
            throw new Forbidden("only an admin may publish configurations");
        }
        if (!Topics.isValidId(siteId)) {
            throw new BadParameterException("siteId", "must be 1-64 of A-Z a-z 0-9 _ -");
        }
        checkSize(json.length, lang);
        SiteConfig draft;
        try {
            draft = codec.decodeSiteConfig(json);
        } catch (ProtocolException e) {
            if (e.reason() == RejectReason.MALFORMED_JSON) {
                throw new BadParameterException("config", lang.t("rule.notJson"));
            }
            throw new BadParameterException(e.field() == null ? "config" : e.field(), message(e, lang));
        }
        SiteConfigRules.check(draft, lang);
        long latest = latestVersion(siteId).orElse(0L);
        // Above the draft's own version too: kiosks apply only a newer version than the one they run, so a draft
        // may lift the numbering (after central's database was restored from an older copy, say) — but only by a
        // step, or one paste of a huge number would leave no newer version to publish, ever.
        if (draft.version() > latest + MAX_VERSION_STEP) {
            throw new BadParameterException("version", String.format(lang.t("rule.versionJump"), draft.version(),
                    MAX_VERSION_STEP, latest));
        }
        if (latest >= MAX_VERSION) {
            throw new BadParameterException("version", String.format(lang.t("rule.versionExhausted"), latest));
        }
        long version = Math.max(latest, draft.version()) + 1;
        SiteConfig unsigned = draft.signed(version, null);
        String sig = signer.sign(Signatures.configBytes(siteId, unsigned, codec));
        SiteConfig signed = draft.signed(version, sig);
        byte[] payload = codec.encode(signed);
        checkSize(payload.length, lang);
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
            OfficerLinesDue.markKeptDays(c, siteId, clock.millis());
            return null;
        });
        int sent = 0;
        for (KioskState k : store.kiosks()) {
            if (k.siteId().equals(siteId)
                    && downlink.sendConfig(new KioskKey(siteId, k.kioskId()), payload)) {
                recordDelivery(siteId, k.kioskId(), version, clock.millis());
                sent++;
            }
        }
        LOG.info("site {}: configuration version {} published by {} to {} kiosks", siteId, version, who.username(),
                sent);
        return new Published(siteId, version, sent);
    }

    /** A refusal in the page's language where the form has the field (the service levels), else the contract's. */
    private static String message(ProtocolException e, Lang lang) {
        String f = e.field() == null ? "" : e.field();
        if (e.reason() != RejectReason.INVALID_VALUE && e.reason() != RejectReason.WRONG_TYPE) {
            return e.getMessage();
        }
        if (f.endsWith(".targetMinutes")) {
            return String.format(lang.t("rule.minutesRange"), SiteConfig.Service.MAX_TARGET_MINUTES);
        }
        if (f.endsWith(".longestWaitMinutes")) {
            return String.format(lang.t("rule.minutesRange"), SiteConfig.Service.MAX_WAIT_MINUTES);
        }
        if (f.endsWith(".queueLength")) {
            return String.format(lang.t("rule.peopleRange"), SiteConfig.Service.MAX_QUEUE_LENGTH);
        }
        if (f.equals("idleCounterMinutes")) {
            return String.format(lang.t("rule.minutesRange"), SiteConfig.MAX_IDLE_COUNTER_MINUTES);
        }
        return e.getMessage();
    }

    private void checkSize(long bytes, Lang lang) {
        if (bytes > config.maxBytes()) {
            throw new TooLargeException("config", String.format(lang.t("rule.configTooLarge"),
                    (bytes + 1023) / 1024, config.maxBytes() / 1024));
        }
    }

    /**
     * Sends the site's latest configuration to a kiosk that runs an older one (or does not say), unless it was sent
     * that version within the resend interval. Called for every telemetry message, so it costs one indexed read when
     * there is nothing to do.
     */
    @EventListener
    public void onTelemetry(TelemetryReceived t) {
        try {
            catchUp(t.siteId(), t.kioskId(), t.configVersion());
        } catch (StoreException e) {
            LOG.warn("kiosk {}/{}: configuration not checked: {}", t.siteId(), t.kioskId(), e.getMessage());
        }
    }

    /** Returns whether the latest configuration was published to the kiosk now. */
    boolean catchUp(String siteId, String kioskId, Long runningVersion) {
        Optional<Long> latest = latestVersion(siteId);
        if (latest.isEmpty() || (runningVersion != null && runningVersion >= latest.get())) {
            return false;
        }
        long version = latest.get();
        long now = clock.millis();
        if (!claimDelivery(siteId, kioskId, version, now)) {
            return false;
        }
        Optional<String> body = latestBody(siteId);
        if (body.isEmpty() || !downlink.sendConfig(new KioskKey(siteId, kioskId),
                body.get().getBytes(StandardCharsets.UTF_8))) {
            releaseDelivery(siteId, kioskId, version, now); // not sent: the next telemetry tries again
            return false;
        }
        LOG.info("kiosk {}/{}: runs configuration version {}, sent the site's latest, version {}", siteId, kioskId,
                runningVersion == null ? "unknown" : runningVersion, version);
        return true;
    }

    /**
     * Takes the right to send {@code version} to the kiosk now: true when it was never sent that version, or not
     * within the resend interval. One row per kiosk, so instances racing for the same kiosk send it once.
     */
    private boolean claimDelivery(String siteId, String kioskId, long version, long now) {
        return sql.write("claim configuration delivery to " + kioskId, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE config_deliveries SET version = ?, sent_at = ?
                    WHERE site_id = ? AND kiosk_id = ? AND (version <> ? OR sent_at <= ?)""")) {
                ps.setLong(1, version);
                ps.setLong(2, now);
                ps.setString(3, siteId);
                ps.setString(4, kioskId);
                ps.setLong(5, version);
                ps.setLong(6, now - config.resendAfter().toMillis());
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO config_deliveries (kiosk_id, site_id, version, sent_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (site_id, kiosk_id) DO NOTHING""")) {
                ps.setString(1, kioskId);
                ps.setString(2, siteId);
                ps.setLong(3, version);
                ps.setLong(4, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private void releaseDelivery(String siteId, String kioskId, long version, long claimedAt) {
        sql.write("release configuration delivery to " + siteId + "/" + kioskId, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    DELETE FROM config_deliveries
                    WHERE site_id = ? AND kiosk_id = ? AND version = ? AND sent_at = ?""")) {
                ps.setString(1, siteId);
                ps.setString(2, kioskId);
                ps.setLong(3, version);
                ps.setLong(4, claimedAt);
                return ps.executeUpdate();
            }
        });
    }

    private void recordDelivery(String siteId, String kioskId, long version, long now) {
        sql.write("record configuration delivery to " + kioskId, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO config_deliveries (kiosk_id, site_id, version, sent_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (site_id, kiosk_id) DO UPDATE SET version = excluded.version,
                        sent_at = excluded.sent_at""")) {
                ps.setString(1, kioskId);
                ps.setString(2, siteId);
                ps.setLong(3, version);
                ps.setLong(4, now);
                return ps.executeUpdate();
            }
        });
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
