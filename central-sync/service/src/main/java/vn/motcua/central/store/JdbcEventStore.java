package vn.motcua.central.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.RejectReason;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.message.KioskStatus;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL both stores share. Subclasses own connections and transactions and the few dialect differences: how a
 * kiosk row is locked, how UUIDs, JSON and instants are bound and read.
 */
abstract class JdbcEventStore implements EventStore, SqlAccess {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventStore.class);
    /** Seqs read per round while advancing the contiguous sequence. */
    private static final int SCAN_CHUNK = 2000;

    private static final String ENSURE_KIOSK = """
            INSERT INTO kiosks (kiosk_id, site_id) VALUES (?, ?) ON CONFLICT (kiosk_id) DO NOTHING""";
    private static final String NEXT_SEQS = """
            SELECT seq FROM events WHERE kiosk_id = ? AND seq > ? ORDER BY seq LIMIT ?""";
    private static final String UPDATE_PROGRESS = """
            UPDATE kiosks SET contiguous_seq = ?, last_seq = ?, last_seen = ?, site_id = ? WHERE kiosk_id = ?""";
    private static final String COUNT_REJECTION = """
            INSERT INTO rejections (reason, count) VALUES (?, 1)
            ON CONFLICT (reason) DO UPDATE SET count = rejections.count + 1""";
    private static final String UPSERT_STATUS = """
            INSERT INTO kiosks (kiosk_id, site_id, online, version, boot_id, status_since) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (kiosk_id) DO UPDATE SET site_id = excluded.site_id, online = excluded.online,
                version = excluded.version, boot_id = excluded.boot_id, status_since = excluded.status_since""";
    private static final String TOUCH = """
            UPDATE kiosks SET last_seen = ? WHERE kiosk_id = ? AND (last_seen IS NULL OR last_seen < ?)""";
    private static final String STATS = """
            SELECT COUNT(*),
                   COALESCE(SUM(CASE WHEN type = ? THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN type = ? THEN 1 ELSE 0 END), 0)
            FROM events""";
    private static final String REJECTIONS = "SELECT reason, count FROM rejections ORDER BY reason";
    private static final String KIOSKS = """
            SELECT kiosk_id, site_id, online, last_seen, last_seq, contiguous_seq, version, boot_id, status_since
            FROM kiosks ORDER BY kiosk_id""";
    private static final String HELD_IDS = """
            SELECT seq, event_id FROM events WHERE kiosk_id = ? AND seq BETWEEN ? AND ?""";
    private static final String KEEP_CONFLICT = """
            INSERT INTO event_conflicts (kiosk_id, event_id, seq, held_event_id, site_id, type, at, data, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kiosk_id, event_id) DO NOTHING""";
    private static final String COUNT_REJECTIONS = """
            INSERT INTO rejections (reason, count) VALUES (?, ?)
            ON CONFLICT (reason) DO UPDATE SET count = rejections.count + excluded.count""";
    private static final String EVENTS_SELECT = """
            SELECT kiosk_id, site_id, seq, event_id, type, at, clock_synced, boot_id, uptime_ms, %s, received_at
            FROM events""";

    /** A kiosk's wall time as ISO-8601 with its own offset, seconds always written. */
    private static final DateTimeFormatter WALL_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ProtocolCodec codec = new ProtocolCodec();
    private final Set<String> knownKiosks = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    JdbcEventStore(Clock clock) {
        this.clock = clock;
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @Override
    public <T> T write(String what, SqlAccess.Work<T> work) {
        return inTransaction(what, work::run);
    }

    @Override
    public <T> T query(String what, SqlAccess.Work<T> work) {
        return read(what, work::run);
    }

    /** Runs {@code work} in one transaction and commits it; rolls back and throws {@link StoreException} on failure. */
    abstract <T> T inTransaction(String what, SqlWork<T> work);

    /** Runs a read-only {@code work}. */
    abstract <T> T read(String what, SqlWork<T> work);

    /** Reads {@code contiguous_seq, last_seq} of one kiosk and keeps it locked until the transaction ends. */
    abstract String lockKioskSql();

    /** The INSERT of one event with its 11 parameters, ignoring an already stored (kiosk_id, seq). */
    abstract String insertEventSql();

    /** The select-list expression that reads {@code data} as JSON text. */
    abstract String dataColumn();

    abstract void bindUuid(PreparedStatement ps, int index, UUID id) throws SQLException;

    abstract void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException;

    abstract Instant readInstant(ResultSet rs, int index) throws SQLException;

    @Override
    public long storeBatch(String siteId, EventBatch batch) {
        return storeBatches(List.of(new SiteBatch(siteId, batch))).get(batch.kioskId());
    }

    @Override
    public Map<String, Long> storeBatches(List<SiteBatch> batches) {
        // per kiosk, events in seq order; kiosks in id order: one order for every writer, so two transactions
        // inserting the same rows or locking the same kiosks cannot deadlock
        Map<String, String> siteOf = new java.util.TreeMap<>();
        Map<String, List<KioskEvent>> eventsOf = new java.util.TreeMap<>();
        for (SiteBatch b : batches) {
            String kioskId = b.batch().kioskId();
            siteOf.put(kioskId, b.siteId());
            eventsOf.computeIfAbsent(kioskId, k -> new ArrayList<>()).addAll(b.batch().events());
        }
        siteOf.forEach((kioskId, siteId) -> ensureKiosk(siteId, kioskId));
        Map<String, List<KioskEvent>> sorted = new LinkedHashMap<>();
        Map<String, List<String>> dataOf = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, List<KioskEvent>> e : eventsOf.entrySet()) {
            List<KioskEvent> events = e.getValue().stream().sorted(Comparator.comparingLong(KioskEvent::seq)).toList();
            sorted.put(e.getKey(), events);
            dataOf.put(e.getKey(), events.stream()
                    .map(ev -> new String(codec.encode(ev.data()), StandardCharsets.UTF_8)).toList());
            total += events.size();
        }
        Instant now = now();
        return inTransaction("store " + total + " events of " + sorted.size() + " kiosks", c -> {
            try (PreparedStatement insert = c.prepareStatement(insertEventSql())) {
                for (Map.Entry<String, List<KioskEvent>> e : sorted.entrySet()) {
                    String kioskId = e.getKey();
                    String siteId = siteOf.get(kioskId);
                    List<String> data = dataOf.get(kioskId);
                    List<KioskEvent> events = e.getValue();
                    for (int i = 0; i < events.size(); i++) {
                        KioskEvent ev = events.get(i);
                        insert.setString(1, kioskId);
                        insert.setLong(2, ev.seq());
                        bindUuid(insert, 3, ev.id());
                        insert.setString(4, siteId);
                        insert.setString(5, ev.type().wireName());
                        insert.setString(6, WALL_TIME.format(ev.at()));
                        insert.setBoolean(7, ev.clockSynced());
                        insert.setString(8, ev.bootId());
                        insert.setLong(9, ev.uptimeMs());
                        insert.setString(10, data.get(i));
                        bindInstant(insert, 11, now);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            Map<String, Long> contiguousOf = new LinkedHashMap<>();
            for (Map.Entry<String, List<KioskEvent>> e : sorted.entrySet()) {
                String kioskId = e.getKey();
                contiguousOf.put(kioskId, advanceKiosk(c, siteOf.get(kioskId), kioskId, e.getValue(),
                        dataOf.get(kioskId), now));
            }
            return contiguousOf;
        });
    }

    /** Inserted first, locked second: whoever takes the lock last sees every row committed before it. */
    private long advanceKiosk(Connection c, String siteId, String kioskId, List<KioskEvent> events,
                              List<String> data, Instant now) throws SQLException {
        long batchMaxSeq = events.get(events.size() - 1).seq();
        long contiguous;
        long lastSeq;
        try (PreparedStatement lock = c.prepareStatement(lockKioskSql())) {
            lock.setString(1, kioskId);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("kiosk row " + kioskId + " is missing");
                }
                contiguous = rs.getLong(1);
                lastSeq = rs.getLong(2);
            }
        }
        if (events.get(0).seq() <= lastSeq) {
            keepConflicts(c, siteId, kioskId, events, data, Math.min(batchMaxSeq, lastSeq), now);
        }
        contiguous = advance(c, kioskId, contiguous);
        try (PreparedStatement update = c.prepareStatement(UPDATE_PROGRESS)) {
            update.setLong(1, contiguous);
            update.setLong(2, Math.max(lastSeq, batchMaxSeq));
            bindInstant(update, 3, now);
            update.setString(4, siteId);
            update.setString(5, kioskId);
            update.executeUpdate();
        }
        return contiguous;
    }

    /**
     * A resend carries the same event ids under the same numbers. An event whose number central already holds under
     * another id comes from another history of this kiosk id (its SD card was replaced or restored, or two kiosks
     * share the id): it is kept aside in {@code event_conflicts}, counted as {@code seq_conflict}, never dropped.
     */
    private void keepConflicts(Connection c, String siteId, String kioskId, List<KioskEvent> events,
                               List<String> data, long upToSeq, Instant now) throws SQLException {
        Map<Long, String> held = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(HELD_IDS)) {
            ps.setString(1, kioskId);
            ps.setLong(2, events.get(0).seq());
            ps.setLong(3, upToSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        int kept = 0;
        try (PreparedStatement keep = c.prepareStatement(KEEP_CONFLICT)) {
            for (int i = 0; i < events.size() && events.get(i).seq() <= upToSeq; i++) {
                KioskEvent ev = events.get(i);
                String heldId = held.get(ev.seq());
                if (heldId == null || heldId.equalsIgnoreCase(ev.id().toString())) {
                    continue;
                }
                keep.setString(1, kioskId);
                keep.setString(2, ev.id().toString());
                keep.setLong(3, ev.seq());
                keep.setString(4, heldId);
                keep.setString(5, siteId);
                keep.setString(6, ev.type().wireName());
                keep.setString(7, WALL_TIME.format(ev.at()));
                keep.setString(8, data.get(i));
                keep.setString(9, now.toString());
                kept += keep.executeUpdate();
            }
        }
        if (kept > 0) {
            try (PreparedStatement count = c.prepareStatement(COUNT_REJECTIONS)) {
                count.setString(1, RejectReason.SEQ_CONFLICT.code());
                count.setLong(2, kept);
                count.executeUpdate();
            }
            LOG.error("kiosk {}: {} events arrived under sequence numbers central already holds with other events "
                    + "(seq {}..{}): the kiosk's database was replaced or restored, or another kiosk uses its id. "
                    + "They are kept in event_conflicts", kioskId, kept, events.get(0).seq(), upToSeq);
        }
    }

    private long advance(Connection c, String kioskId, long from) throws SQLException {
        long next = from;
        try (PreparedStatement ps = c.prepareStatement(NEXT_SEQS)) {
            while (true) {
                ps.setString(1, kioskId);
                ps.setLong(2, next);
                ps.setInt(3, SCAN_CHUNK);
                int rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        if (seq != next + 1) {
                            return next;
                        }
                        next = seq;
                        rows++;
                    }
                }
                if (rows < SCAN_CHUNK) {
                    return next;
                }
            }
        }
    }

    private void ensureKiosk(String siteId, String kioskId) {
        if (knownKiosks.contains(kioskId)) {
            return;
        }
        inTransaction("register kiosk " + kioskId, c -> {
            try (PreparedStatement ps = c.prepareStatement(ENSURE_KIOSK)) {
                ps.setString(1, kioskId);
                ps.setString(2, siteId);
                return ps.executeUpdate();
            }
        });
        knownKiosks.add(kioskId);
    }

    @Override
    public void recordRejection(String reasonCode) {
        inTransaction("count rejection " + reasonCode, c -> {
            try (PreparedStatement ps = c.prepareStatement(COUNT_REJECTION)) {
                ps.setString(1, reasonCode);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void recordStatus(String siteId, String kioskId, KioskStatus status) {
        inTransaction("record status of kiosk " + kioskId, c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT_STATUS)) {
                ps.setString(1, kioskId);
                ps.setString(2, siteId);
                ps.setBoolean(3, status.online());
                ps.setString(4, status.version());
                ps.setString(5, status.bootId());
                ps.setString(6, status.since() == null ? null : WALL_TIME.format(status.since()));
                return ps.executeUpdate();
            }
        });
        knownKiosks.add(kioskId);
    }

    @Override
    public void touch(String kioskId, Instant at) {
        Instant seen = at.truncatedTo(ChronoUnit.MILLIS);
        inTransaction("touch kiosk " + kioskId, c -> {
            try (PreparedStatement ps = c.prepareStatement(TOUCH)) {
                bindInstant(ps, 1, seen);
                ps.setString(2, kioskId);
                bindInstant(ps, 3, seen);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Stats stats() {
        return read("read stats", c -> {
            long events;
            long tickets;
            long ratings;
            try (PreparedStatement ps = c.prepareStatement(STATS)) {
                ps.setString(1, EventType.TICKET_ISSUED.wireName());
                ps.setString(2, EventType.RATING_SUBMITTED.wireName());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    events = rs.getLong(1);
                    tickets = rs.getLong(2);
                    ratings = rs.getLong(3);
                }
            }
            Map<String, Long> rejected = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(REJECTIONS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rejected.put(rs.getString(1), rs.getLong(2));
                }
            }
            return new Stats(events, tickets, ratings, rejected);
        });
    }

    @Override
    public List<KioskState> kiosks() {
        return read("read kiosks", c -> {
            List<KioskState> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(KIOSKS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new KioskState(rs.getString(1), rs.getString(2), rs.getBoolean(3), readInstant(rs, 4),
                            rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
            return out;
        });
    }

    @Override
    public List<StoredEvent> events(EventQuery query) {
        StringBuilder sql = new StringBuilder(EVENTS_SELECT.formatted(dataColumn()));
        List<String> params = new ArrayList<>();
        if (query.kioskId() != null) {
            sql.append(params.isEmpty() ? " WHERE" : " AND").append(" kiosk_id = ?");
            params.add(query.kioskId());
        }
        if (query.type() != null) {
            sql.append(params.isEmpty() ? " WHERE" : " AND").append(" type = ?");
            params.add(query.type());
        }
        sql.append(" ORDER BY ingest_id DESC LIMIT ?");
        return read("read events", c -> {
            List<StoredEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setString(i + 1, params.get(i));
                }
                ps.setInt(params.size() + 1, query.limit());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredEvent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getLong(9),
                                rs.getString(10), readInstant(rs, 11)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean ping() {
        try {
            return read("ping", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            });
        } catch (StoreException e) {
            return false;
        }
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static StoreException failure(String what, Exception cause) {
        return new StoreException(what + " failed: " + cause.getMessage(), cause);
    }
}
