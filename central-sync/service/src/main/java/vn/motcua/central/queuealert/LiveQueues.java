package vn.motcua.central.queuealert;

import jakarta.inject.Singleton;
import vn.motcua.central.store.NewestSiteConfigs;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.KioskKey;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.message.SiteConfig;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live state of every kiosk's queue, from what central already keeps: the waiting tickets and each counter's
 * latest ticket event from {@code ticket_progress} (the public page's rollup of the ticket events), the signed-in
 * counters from {@code counters_signed_in}, and each site's thresholds from its newest configuration.
 */
@Singleton
public class LiveQueues {
    private final Database sql;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final NewestSiteConfigs<QueueConditions.Rules> rules = new NewestSiteConfigs<>(this::rulesOf);

    /** The state read in one transaction. */
    record State(List<QueueConditions.Waiting> waiting, List<QueueConditions.Activity> activity,
                 List<QueueConditions.SignedIn> signedIn, Map<String, QueueConditions.Rules> rules) {

        /** This state with the given counters' activity in place of what it had for them. */
        State withActivity(List<QueueConditions.Activity> exact) {
            Set<List<Object>> replaced = new HashSet<>();
            exact.forEach(a -> replaced.add(List.of(a.kiosk(), a.counter())));
            List<QueueConditions.Activity> merged = new ArrayList<>(exact);
            for (QueueConditions.Activity a : activity) {
                if (!replaced.contains(List.of(a.kiosk(), a.counter()))) {
                    merged.add(a);
                }
            }
            return new State(waiting, merged, signedIn, rules);
        }
    }

    /** A counter of a kiosk. */
    record Counter(KioskKey kiosk, String counter) {
    }

    public LiveQueues(Database sql) {
        this.sql = sql;
    }

    /**
     * The state at {@code now}. A counter's activity holds its latest ticket event only if that is within the
     * longest idle minutes of any site: an older one cannot keep a counter from being idle, so the whole day's
     * events need not be read. {@link #activity} reads a counter's exact activity, for an idle counter's detail.
     *
     * @param dayStart    tickets issued and counter events before this (the local day's start) are not today's
     * @param seenAfter   a signed-in counter whose kiosk has said nothing since this is not counted
     */
    State read(long dayStart, long seenAfter, long now) {
        return sql.query("live queues", c -> {
            Map<String, QueueConditions.Rules> rules = rules(c);
            int idleMinutes = rules.values().stream().mapToInt(QueueConditions.Rules::idleMinutes).max().orElse(0);
            List<QueueConditions.Activity> activity = rules.isEmpty() ? List.of()
                    : activity(c, dayStart, Math.max(dayStart, now - idleMinutes * 60_000L));
            return new State(waiting(c, dayStart), activity, signedIn(c, seenAfter), rules);
        });
    }

    /** The exact activity today of the given counters; none for a counter without a ticket event today. */
    List<QueueConditions.Activity> activity(Collection<Counter> counters, long dayStart) {
        return sql.query("counter activity", c -> {
            List<QueueConditions.Activity> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT MAX(changed_at), SUM(CASE WHEN state = 'called' THEN 1 ELSE 0 END) FROM ticket_progress
                    WHERE site_id = ? AND kiosk_id = ? AND counter = ? AND changed_at >= ?""")) {
                for (Counter counter : counters) {
                    ps.setString(1, counter.kiosk().siteId());
                    ps.setString(2, counter.kiosk().kioskId());
                    ps.setString(3, counter.counter());
                    ps.setLong(4, dayStart);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            long last = rs.getLong(1);
                            if (!rs.wasNull()) {
                                out.add(new QueueConditions.Activity(counter.kiosk(), counter.counter(), last,
                                        rs.getLong(2) > 0));
                            }
                        }
                    }
                }
            }
            return out;
        });
    }

    private static List<QueueConditions.Waiting> waiting(Connection c, long dayStart) throws SQLException {
        List<QueueConditions.Waiting> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT site_id, kiosk_id, service, COUNT(*), MIN(issued_at) FROM ticket_progress
                WHERE state = 'waiting' AND issued_at >= ? GROUP BY site_id, kiosk_id, service""")) {
            ps.setLong(1, dayStart);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueueConditions.Waiting(new KioskKey(rs.getString(1), rs.getString(2)),
                            rs.getString(3), rs.getInt(4), rs.getLong(5)));
                }
            }
        }
        return out;
    }

    /**
     * Each counter's latest ticket event at or after {@code since}, and whether a ticket it called today is still at
     * the counter (then its latest event is that call or later); none for a counter with neither.
     */
    private static List<QueueConditions.Activity> activity(Connection c, long dayStart, long since)
            throws SQLException {
        List<QueueConditions.Activity> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT site_id, kiosk_id, counter, MAX(changed_at),
                    SUM(CASE WHEN state = 'called' THEN 1 ELSE 0 END) FROM ticket_progress
                WHERE counter IS NOT NULL AND (changed_at >= ? OR state = 'called' AND changed_at >= ?)
                GROUP BY site_id, kiosk_id, counter""")) {
            ps.setLong(1, since);
            ps.setLong(2, dayStart);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueueConditions.Activity(new KioskKey(rs.getString(1), rs.getString(2)),
                            rs.getString(3), rs.getLong(4), rs.getLong(5) > 0));
                }
            }
        }
        return out;
    }

    private static List<QueueConditions.SignedIn> signedIn(Connection c, long seenAfter) throws SQLException {
        List<QueueConditions.SignedIn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT site_id, kiosk_id, counter, since FROM counters_signed_in WHERE seen_at >= ?")) {
            ps.setLong(1, seenAfter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueueConditions.SignedIn(new KioskKey(rs.getString(1), rs.getString(2)),
                            rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    /** Each site's thresholds from its newest configuration, read once per version. */
    private Map<String, QueueConditions.Rules> rules(Connection c) throws SQLException {
        return rules.read(c, "");
    }

    /** A configuration's thresholds; null for one that no longer decodes (it raises no queue alert). */
    QueueConditions.Rules rulesOf(String body) {
        SiteConfig config;
        try {
            config = codec.decodeSiteConfig(body.getBytes(StandardCharsets.UTF_8));
        } catch (ProtocolException e) {
            return null;
        }
        return rulesOf(config);
    }

    static QueueConditions.Rules rulesOf(SiteConfig config) {
        Map<String, Integer> longest = new HashMap<>();
        Map<String, Integer> length = new HashMap<>();
        for (SiteConfig.Service s : config.services()) {
            if (s.longestWaitOrTarget() != null) {
                longest.put(s.prefix(), s.longestWaitOrTarget());
            }
            if (s.queueLength() != null) {
                length.put(s.prefix(), s.queueLength());
            }
        }
        Map<String, List<String>> counters = new HashMap<>();
        config.counters().forEach(k -> counters.put(k.id(), k.services()));
        return new QueueConditions.Rules(Map.copyOf(longest), Map.copyOf(length), Map.copyOf(counters),
                config.idleCounterMinutesOrDefault());
    }
}
