package vn.motcua.central.store;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event log: kiosk events, kiosk progress and state, rejection counts, the quarantine. The SQL both dialects share
 * is here; subclasses give the few differences: how a kiosk row is locked, how UUIDs, JSON and instants are bound and
 * read. Connections and transactions are the {@link Database}'s.
 * <p>
 * Events are unique per kiosk and event id; {@code kiosk_seqs} holds one row per (kiosk, seq) that central can vouch
 * for, naming the event that took it first. The contiguous sequence is counted over it, so a resend under a new
 * number, an event of another history under a held number, and a quarantined event all hold their numbers.
 */
public abstract class JdbcEventStore implements EventStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventStore.class);
    /** Seqs read per round while advancing the contiguous sequence. */
    private static final int SCAN_CHUNK = 2000;
    /** Rows per multi-row INSERT: 11 parameters each stays far below either database's limit. */
    private static final int INSERT_CHUNK = 100;
    /** Numbers further apart than this are read as two ranges. */
    private static final int LOOKUP_GAP = 500;
    private static final int MAX_REASON = 2000;

    private static final String ENSURE_KIOSK = """
            INSERT INTO kiosks (site_id, kiosk_id) VALUES (?, ?) ON CONFLICT (site_id, kiosk_id) DO NOTHING""";
    private static final String INSERT_EVENTS = """
            INSERT INTO events (site_id, kiosk_id, seq, event_id, type, at, clock_synced, boot_id, uptime_ms, data,
                                received_at)
            VALUES %s
            ON CONFLICT (site_id, kiosk_id, event_id) DO NOTHING
            RETURNING site_id, kiosk_id, event_id""";
    private static final String HOLD_SEQ = """
            INSERT INTO kiosk_seqs (site_id, kiosk_id, seq, event_id) VALUES (?, ?, ?, ?)
            ON CONFLICT (site_id, kiosk_id, seq) DO NOTHING""";
    private static final String NEXT_SEQS = """
            SELECT seq FROM kiosk_seqs WHERE site_id = ? AND kiosk_id = ? AND seq > ? ORDER BY seq LIMIT ?""";
    private static final String HELD_IDS = """
            SELECT seq, event_id FROM kiosk_seqs WHERE site_id = ? AND kiosk_id = ? AND seq BETWEEN ? AND ?""";
    private static final String EVENT_HELD = """
            SELECT 1 FROM events WHERE site_id = ? AND kiosk_id = ? AND event_id = ?""";
    private static final String UPDATE_PROGRESS = """
            UPDATE kiosks SET contiguous_seq = ?, last_seq = ?, last_seen = ? WHERE site_id = ? AND kiosk_id = ?""";
    private static final String COUNT_REJECTION = """
            INSERT INTO rejections (reason, count) VALUES (?, 1)
            ON CONFLICT (reason) DO UPDATE SET count = rejections.count + 1""";
    private static final String COUNT_REJECTIONS = """
            INSERT INTO rejections (reason, count) VALUES (?, ?)
            ON CONFLICT (reason) DO UPDATE SET count = rejections.count + excluded.count""";
    private static final String UPSERT_STATUS = """
            INSERT INTO kiosks (site_id, kiosk_id, online, version, boot_id, status_since) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (site_id, kiosk_id) DO UPDATE SET online = excluded.online, version = excluded.version,
                boot_id = excluded.boot_id, status_since = excluded.status_since""";
    private static final String TOUCH = """
            UPDATE kiosks SET last_seen = ?
            WHERE site_id = ? AND kiosk_id = ? AND (last_seen IS NULL OR last_seen < ?)""";
    private static final String STATS = """
            SELECT COUNT(*),
                   COALESCE(SUM(CASE WHEN type = ? THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN type = ? THEN 1 ELSE 0 END), 0)
            FROM events""";
    private static final String REJECTIONS = "SELECT reason, count FROM rejections ORDER BY reason";
    private static final String QUARANTINE_COUNT = "SELECT COUNT(*) FROM quarantine";
    private static final String KIOSKS = """
            SELECT kiosk_id, site_id, online, last_seen, last_seq, contiguous_seq, version, boot_id, status_since
            FROM kiosks ORDER BY site_id, kiosk_id""";
    private static final String KEEP_CONFLICT = """
            INSERT INTO event_conflicts (site_id, kiosk_id, event_id, seq, held_event_id, received_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (site_id, kiosk_id, event_id) DO NOTHING""";
    private static final String EVENTS_SELECT = """
            SELECT kiosk_id, site_id, seq, event_id, type, at, clock_synced, boot_id, uptime_ms, %s, received_at
            FROM events""";
    private static final String QUARANTINE = """
            INSERT INTO quarantine (id, site_id, kiosk_id, seq, event_id, type, raw, reason, quarantined_at, attempts,
                                    last_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT (site_id, kiosk_id, event_id) DO NOTHING""";
    private static final String QUARANTINE_SELECT = """
            SELECT id, site_id, kiosk_id, seq, event_id, type, reason, quarantined_at, attempts, last_attempt_at, raw
            FROM quarantine""";
    private static final String QUARANTINE_ATTEMPT = """
            UPDATE quarantine SET attempts = attempts + 1, last_attempt_at = ?, reason = ? WHERE id = ?""";
    private static final String QUARANTINE_LEAVE = "DELETE FROM quarantine WHERE id = ?";

    /** A kiosk's wall time as ISO-8601 with its own offset, seconds always written. */
    private static final DateTimeFormatter WALL_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** Sorted by kiosk, then seq: one order for every writer, so two transactions never wait on each other in turn. */
    private static final Comparator<Item> ORDER = Comparator.comparing(Item::kiosk).thenComparingLong(Item::seq);

    private final ProtocolCodec codec = new ProtocolCodec();
    /** Writes what the codec cannot (a lone surrogate), every non-ASCII character escaped: a quarantine keeps all. */
    private final ObjectMapper escapingJson = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final Set<KioskKey> knownKiosks = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    private final Database database;

    JdbcEventStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The event log kept in {@code database}, in its dialect's SQL; the database stays the caller's to close. */
    public static EventStore on(Database database, Clock clock) {
        return switch (database.dialect()) {
            case SQLITE -> new SqliteEventStore(database, clock);
            case POSTGRESQL -> new PostgresEventStore(database, clock);
        };
    }

    /** Reads {@code contiguous_seq, last_seq} of one kiosk (site, kiosk) and keeps it locked until the end. */
    abstract String lockKioskSql();

    /** The VALUES row of one event: 11 parameters, {@code data} turned into the column's JSON type. */
    abstract String eventRow();

    /** The select-list expression that reads {@code data} as JSON text. */
    abstract String dataColumn();

    abstract void bindUuid(PreparedStatement ps, int index, UUID id) throws SQLException;

    abstract void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException;

    abstract Instant readInstant(ResultSet rs, int index) throws SQLException;

    /**
     * One event on its way to the events table. {@code batch} numbers the batch it came in, to store batch by batch
     * when the database refuses a group; {@code source} is the decoded event (null when re-admitted from quarantine).
     */
    private record Item(int batch, KioskKey kiosk, long seq, UUID id, String type, String at, boolean clockSynced,
                        String bootId, long uptimeMs, String data, KioskEvent source) {

        String eventKey() {
            return kiosk + "/" + id;
        }
    }

    @Override
    public long storeBatch(String siteId, EventBatch batch) {
        return storeBatches(List.of(new SiteBatch(siteId, batch))).get(new KioskKey(siteId, batch.kioskId()));
    }

    @Override
    public Map<KioskKey, Long> storeBatches(List<SiteBatch> batches) {
        Instant now = now();
        List<Item> items = new ArrayList<>();
        Map<Item, String> unwritable = new IdentityHashMap<>();
        Set<KioskKey> kiosks = new java.util.TreeSet<>();
        for (int b = 0; b < batches.size(); b++) {
            SiteBatch sb = batches.get(b);
            KioskKey kiosk = new KioskKey(sb.siteId(), sb.batch().kioskId());
            kiosks.add(kiosk);
            for (KioskEvent ev : sb.batch().events()) {
                String data;
                try {
                    data = new String(codec.encode(ev.data()), StandardCharsets.UTF_8);
                } catch (RuntimeException e) {
                    unwritable.put(item(b, kiosk, ev, null), "cannot be written as JSON: " + rootMessage(e));
                    continue;
                }
                items.add(item(b, kiosk, ev, data));
            }
        }
        items.sort(ORDER);
        kiosks.forEach(this::ensureKiosk);
        Map<KioskKey, Long> contiguous = new TreeMap<>();
        if (!items.isEmpty()) {
            storeIsolating(items, now, contiguous);
        }
        unwritable.forEach((item, reason) -> contiguous.merge(item.kiosk(), quarantine(item, reason, now), Math::max));
        return contiguous;
    }

    private static Item item(int batch, KioskKey kiosk, KioskEvent ev, String data) {
        return new Item(batch, kiosk, ev.seq(), ev.id(), ev.type().wireName(), WALL_TIME.format(ev.at()),
                ev.clockSynced(), ev.bootId(), ev.uptimeMs(), data, ev);
    }

    /**
     * Stores {@code items} in one transaction; when the database refuses the data, the batches one by one, then the
     * events one by one, and keeps each event it still refuses in quarantine. An outage is thrown at once: the
     * caller retries the whole, which is idempotent.
     */
    private void storeIsolating(List<Item> items, Instant now, Map<KioskKey, Long> contiguous) {
        try {
            writeItems(items, now).forEach((k, v) -> contiguous.merge(k, v, Math::max));
        } catch (StoreException e) {
            if (!e.refusedData()) {
                throw e;
            }
            if (items.size() == 1) {
                Item only = items.get(0);
                contiguous.merge(only.kiosk(), quarantine(only, reasonOf(e), now), Math::max);
                return;
            }
            Map<Integer, List<Item>> byBatch = new LinkedHashMap<>();
            items.forEach(i -> byBatch.computeIfAbsent(i.batch(), k -> new ArrayList<>()).add(i));
            List<List<Item>> parts = byBatch.size() > 1 ? new ArrayList<>(byBatch.values())
                    : items.stream().map(List::of).toList();
            LOG.warn("the database refused {} events ({}): storing them {} to set the refused event aside",
                    items.size(), reasonOf(e), byBatch.size() > 1 ? "batch by batch" : "one by one");
            for (List<Item> part : parts) {
                storeIsolating(part, now, contiguous);
            }
        }
    }

    private Map<KioskKey, Long> writeItems(List<Item> items, Instant now) {
        Map<KioskKey, Long> maxSeq = new TreeMap<>();
        items.forEach(i -> maxSeq.merge(i.kiosk(), i.seq(), Math::max));
        return database.write("store " + items.size() + " events of " + maxSeq.size() + " kiosks", c -> {
            List<Item> fresh = insertEvents(c, items, now);
            holdSeqs(c, items);
            keepConflicts(c, fresh, now);
            Map<KioskKey, Long> contiguous = new TreeMap<>();
            for (Map.Entry<KioskKey, Long> e : maxSeq.entrySet()) {
                contiguous.put(e.getKey(), advanceKiosk(c, e.getKey(), e.getValue(), now));
            }
            return contiguous;
        });
    }

    /** Inserts the events not held yet (by kiosk and id); returns the items that became new rows. */
    private List<Item> insertEvents(Connection c, List<Item> items, Instant now) throws SQLException {
        Set<String> inserted = new java.util.HashSet<>();
        for (int start = 0; start < items.size(); start += INSERT_CHUNK) {
            List<Item> chunk = items.subList(start, Math.min(items.size(), start + INSERT_CHUNK));
            String rows = String.join(", ", Collections.nCopies(chunk.size(), eventRow()));
            try (PreparedStatement ps = c.prepareStatement(INSERT_EVENTS.formatted(rows))) {
                int p = 1;
                for (Item i : chunk) {
                    ps.setString(p++, i.kiosk().siteId());
                    ps.setString(p++, i.kiosk().kioskId());
                    ps.setLong(p++, i.seq());
                    bindUuid(ps, p++, i.id());
                    ps.setString(p++, i.type());
                    ps.setString(p++, i.at());
                    ps.setBoolean(p++, i.clockSynced());
                    ps.setString(p++, i.bootId());
                    ps.setLong(p++, i.uptimeMs());
                    ps.setString(p++, i.data());
                    bindInstant(ps, p++, now);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1) + "/" + rs.getString(2) + "/"
                                + rs.getString(3).toLowerCase(java.util.Locale.ROOT);
                        inserted.add(key);
                    }
                }
            }
        }
        List<Item> fresh = new ArrayList<>();
        for (Item i : items) {
            // the same event twice in one group (a redelivery) is one row: only its first occurrence is new
            if (inserted.remove(i.eventKey())) {
                fresh.add(i);
            }
        }
        return fresh;
    }

    private void holdSeqs(Connection c, List<Item> items) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HOLD_SEQ)) {
            for (Item i : items) {
                ps.setString(1, i.kiosk().siteId());
                ps.setString(2, i.kiosk().kioskId());
                ps.setLong(3, i.seq());
                ps.setString(4, i.id().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * A new event whose number central already holds with another event comes from another history of the kiosk
     * (its database was restored from an old copy or replaced): it is stored like any event, recorded in
     * {@code event_conflicts} with the event that holds the number, counted as {@code seq_conflict} and logged.
     */
    private void keepConflicts(Connection c, List<Item> fresh, Instant now) throws SQLException {
        Map<KioskKey, List<Item>> byKiosk = new TreeMap<>();
        fresh.forEach(i -> byKiosk.computeIfAbsent(i.kiosk(), k -> new ArrayList<>()).add(i));
        long total = 0;
        for (Map.Entry<KioskKey, List<Item>> e : byKiosk.entrySet()) {
            KioskKey kiosk = e.getKey();
            Map<Long, String> held = heldIds(c, kiosk, e.getValue());
            List<Long> conflicting = new ArrayList<>();
            try (PreparedStatement keep = c.prepareStatement(KEEP_CONFLICT)) {
                for (Item i : e.getValue()) {
                    String heldId = held.get(i.seq());
                    if (heldId == null || heldId.equalsIgnoreCase(i.id().toString())) {
                        continue;
                    }
                    keep.setString(1, kiosk.siteId());
                    keep.setString(2, kiosk.kioskId());
                    keep.setString(3, i.id().toString());
                    keep.setLong(4, i.seq());
                    keep.setString(5, heldId);
                    keep.setString(6, now.toString());
                    if (keep.executeUpdate() == 1) {
                        conflicting.add(i.seq());
                    }
                }
            }
            if (!conflicting.isEmpty()) {
                total += conflicting.size();
                LOG.error("kiosk {}: {} new events arrived under sequence numbers central already holds with other "
                                + "events (seq {}..{}): another history of this kiosk (its database was restored from "
                                + "an old copy or replaced). Both are stored; counted as seq_conflict",
                        kiosk, conflicting.size(), conflicting.get(0), conflicting.get(conflicting.size() - 1));
            }
        }
        if (total > 0) {
            try (PreparedStatement count = c.prepareStatement(COUNT_REJECTIONS)) {
                count.setString(1, RejectReason.SEQ_CONFLICT.code());
                count.setLong(2, total);
                count.executeUpdate();
            }
        }
    }

    /**
     * The event holding each of the items' numbers. Read by ranges of numbers (a batch's are consecutive): a range
     * scan of the key, whatever the planner thinks of the table's size.
     */
    private Map<Long, String> heldIds(Connection c, KioskKey kiosk, List<Item> items) throws SQLException {
        Map<Long, String> held = new HashMap<>();
        List<Long> seqs = items.stream().map(Item::seq).distinct().sorted().toList();
        try (PreparedStatement ps = c.prepareStatement(HELD_IDS)) {
            int start = 0;
            while (start < seqs.size()) {
                int end = start;
                while (end + 1 < seqs.size() && seqs.get(end + 1) - seqs.get(end) <= LOOKUP_GAP) {
                    end++;
                }
                ps.setString(1, kiosk.siteId());
                ps.setString(2, kiosk.kioskId());
                ps.setLong(3, seqs.get(start));
                ps.setLong(4, seqs.get(end));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.put(rs.getLong(1), rs.getString(2));
                    }
                }
                start = end + 1;
            }
        }
        return held;
    }

    /** Inserted first, locked second: whoever takes the lock last sees every row committed before it. */
    private long advanceKiosk(Connection c, KioskKey kiosk, long batchMaxSeq, Instant now) throws SQLException {
        long contiguous;
        long lastSeq;
        try (PreparedStatement lock = c.prepareStatement(lockKioskSql())) {
            lock.setString(1, kiosk.siteId());
            lock.setString(2, kiosk.kioskId());
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("kiosk row " + kiosk + " is missing");
                }
                contiguous = rs.getLong(1);
                lastSeq = rs.getLong(2);
            }
        }
        contiguous = advance(c, kiosk, contiguous);
        try (PreparedStatement update = c.prepareStatement(UPDATE_PROGRESS)) {
            update.setLong(1, contiguous);
            update.setLong(2, Math.max(lastSeq, batchMaxSeq));
            bindInstant(update, 3, now);
            update.setString(4, kiosk.siteId());
            update.setString(5, kiosk.kioskId());
            update.executeUpdate();
        }
        return contiguous;
    }

    private long advance(Connection c, KioskKey kiosk, long from) throws SQLException {
        long next = from;
        try (PreparedStatement ps = c.prepareStatement(NEXT_SEQS)) {
            while (true) {
                ps.setString(1, kiosk.siteId());
                ps.setString(2, kiosk.kioskId());
                ps.setLong(3, next);
                ps.setInt(4, SCAN_CHUNK);
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

    /**
     * Keeps the event whole in quarantine and holds its number (the kiosk may delete it: central has it). An event
     * whose id is stored already is a resend and only holds its number. If even the quarantine is refused, that is
     * thrown as an outage: the message stays with the broker rather than being lost.
     */
    private long quarantine(Item item, String reason, Instant now) {
        return quarantine(item, reason, now, rawJson(item));
    }

    @Override
    public Map<KioskKey, Long> keepRefused(String siteId, String kioskId, List<ProtocolCodec.RefusedEvent> refused) {
        Instant now = now();
        KioskKey kiosk = new KioskKey(siteId, kioskId);
        ensureKiosk(kiosk);
        Map<KioskKey, Long> contiguous = new TreeMap<>();
        for (ProtocolCodec.RefusedEvent r : refused) {
            Item item = new Item(0, kiosk, r.seq(), r.id(), r.type() == null ? "unknown" : r.type(), "", false, "",
                    0, null, null);
            String reason = "refused by the contract: " + r.problem().getMessage();
            contiguous.merge(kiosk, quarantine(item, reason, now, r.json()), Math::max);
        }
        return contiguous;
    }

    private long quarantine(Item item, String reason, Instant now, String raw) {
        boolean[] kept = new boolean[1];
        long contiguous;
        try {
            contiguous = database.write("keep event " + item.id() + " of kiosk " + item.kiosk() + " in quarantine",
                    c -> {
                        if (!eventHeld(c, item)) {
                            try (PreparedStatement ps = c.prepareStatement(QUARANTINE)) {
                                ps.setString(1, UUID.randomUUID().toString());
                                ps.setString(2, item.kiosk().siteId());
                                ps.setString(3, item.kiosk().kioskId());
                                ps.setLong(4, item.seq());
                                ps.setString(5, item.id().toString());
                                ps.setString(6, item.type());
                                ps.setString(7, raw);
                                ps.setString(8, reason);
                                ps.setLong(9, now.toEpochMilli());
                                ps.setLong(10, now.toEpochMilli());
                                kept[0] = ps.executeUpdate() == 1;
                            }
                        }
                        holdSeqs(c, List.of(item));
                        return advanceKiosk(c, item.kiosk(), item.seq(), now);
                    });
        } catch (StoreException e) {
            if (e.refusedData()) {
                LOG.error("kiosk {}: event {} (seq {}) refused by the database ({}) and refused by the quarantine "
                        + "too ({}): left with the broker", item.kiosk(), item.id(), item.seq(), reason, reasonOf(e));
                throw new StoreException("cannot keep event " + item.id() + " of kiosk " + item.kiosk()
                        + " in quarantine: " + e.getMessage(), e, false);
            }
            throw e;
        }
        if (kept[0]) {
            LOG.error("kiosk {}: event {} (seq {}, {}) refused by the database, kept whole in quarantine: {}",
                    item.kiosk(), item.id(), item.seq(), item.type(), reason);
        }
        return contiguous;
    }

    private boolean eventHeld(Connection c, Item item) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EVENT_HELD)) {
            ps.setString(1, item.kiosk().siteId());
            ps.setString(2, item.kiosk().kioskId());
            bindUuid(ps, 3, item.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The whole event as the protocol writes it; what the codec cannot write, with every non-ASCII escaped. */
    private String rawJson(Item item) {
        if (item.source() == null) {
            throw new IllegalStateException("a re-admitted event is never quarantined again as new");
        }
        try {
            return new String(codec.encode(item.source()), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            try {
                return escapingJson.writeValueAsString(item.source());
            } catch (java.io.IOException | RuntimeException again) {
                return json.createObjectNode().put("seq", item.seq()).put("id", item.id().toString())
                        .put("type", item.type()).put("at", item.at()).put("unwritable", rootMessage(again))
                        .toString();
            }
        }
    }

    @Override
    public List<QuarantinedEvent> quarantined(String siteId, String kioskId, int limit) {
        StringBuilder sql = new StringBuilder(QUARANTINE_SELECT);
        List<String> params = new ArrayList<>();
        if (siteId != null) {
            sql.append(" WHERE site_id = ?");
            params.add(siteId);
        }
        if (kioskId != null) {
            sql.append(params.isEmpty() ? " WHERE" : " AND").append(" kiosk_id = ?");
            params.add(kioskId);
        }
        sql.append(" ORDER BY quarantined_at DESC, id LIMIT ?");
        return database.query("read quarantine", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setString(i + 1, params.get(i));
                }
                ps.setInt(params.size() + 1, limit);
                return readQuarantined(ps);
            }
        });
    }

    private Optional<QuarantinedEvent> quarantinedById(String id) {
        return database.query("read quarantined event " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(QUARANTINE_SELECT + " WHERE id = ?")) {
                ps.setString(1, id);
                return readQuarantined(ps).stream().findFirst();
            }
        });
    }

    private static List<QuarantinedEvent> readQuarantined(PreparedStatement ps) throws SQLException {
        List<QuarantinedEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new QuarantinedEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)),
                        rs.getInt(9), Instant.ofEpochMilli(rs.getLong(10)), rs.getString(11)));
            }
        }
        return out;
    }

    @Override
    public Readmission readmit(String quarantineId) {
        Optional<QuarantinedEvent> found = quarantinedById(quarantineId);
        if (found.isEmpty()) {
            return Readmission.of(Readmission.Outcome.NOT_FOUND);
        }
        QuarantinedEvent q = found.get();
        Instant now = now();
        Item item;
        try {
            // what the contract refused on arrival is re-admitted only once this central's contract accepts it
            codec.decodeEventBatch(("{\"schema\":1,\"kioskId\":" + json.writeValueAsString(q.kioskId())
                    + ",\"events\":[" + q.raw() + "]}").getBytes(StandardCharsets.UTF_8), q.kioskId());
            item = fromRaw(q);
        } catch (vn.motcua.protocol.ProtocolException e) {
            return refusedAgain(q, "refused by the contract: " + e.getMessage(), now);
        } catch (java.io.IOException | RuntimeException e) {
            return refusedAgain(q, "the kept JSON is not an event: " + rootMessage(e), now);
        }
        ensureKiosk(item.kiosk());
        try {
            database.write("re-admit quarantined event " + q.eventId() + " of kiosk " + item.kiosk(), c -> {
                insertEvents(c, List.of(item), now);
                holdSeqs(c, List.of(item));
                try (PreparedStatement ps = c.prepareStatement(QUARANTINE_LEAVE)) {
                    ps.setString(1, q.id());
                    return ps.executeUpdate();
                }
            });
        } catch (StoreException e) {
            if (!e.refusedData()) {
                throw e;
            }
            return refusedAgain(q, reasonOf(e), now);
        }
        LOG.info("kiosk {}: quarantined event {} (seq {}) re-admitted and stored", item.kiosk(), q.eventId(),
                q.seq());
        return Readmission.of(Readmission.Outcome.READMITTED);
    }

    private Readmission refusedAgain(QuarantinedEvent q, String reason, Instant now) {
        database.write("record re-admission of quarantined event " + q.eventId(), c -> {
            try (PreparedStatement ps = c.prepareStatement(QUARANTINE_ATTEMPT)) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, reason);
                ps.setString(3, q.id());
                return ps.executeUpdate();
            }
        });
        LOG.warn("kiosk {}/{}: quarantined event {} still refused: {}", q.siteId(), q.kioskId(), q.eventId(), reason);
        return new Readmission(Readmission.Outcome.STILL_REFUSED, reason);
    }

    /** The columns of a kept event, read from its JSON as it arrived; the contract's checks were passed then. */
    private Item fromRaw(QuarantinedEvent q) throws java.io.IOException {
        JsonNode e = json.readTree(q.raw());
        JsonNode data = e.get("data");
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("no data object");
        }
        return new Item(0, new KioskKey(q.siteId(), q.kioskId()), e.path("seq").asLong(q.seq()),
                UUID.fromString(e.path("id").asText(q.eventId())), e.path("type").asText(q.type()),
                requiredText(e, "at"), e.path("clockSynced").asBoolean(), requiredText(e, "bootId"),
                e.path("uptimeMs").asLong(), data.toString(), null);
    }

    private static String requiredText(JsonNode e, String field) {
        JsonNode v = e.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        return v.asText();
    }

    private void ensureKiosk(KioskKey kiosk) {
        if (knownKiosks.contains(kiosk)) {
            return;
        }
        database.write("register kiosk " + kiosk, c -> {
            try (PreparedStatement ps = c.prepareStatement(ENSURE_KIOSK)) {
                ps.setString(1, kiosk.siteId());
                ps.setString(2, kiosk.kioskId());
                return ps.executeUpdate();
            }
        });
        knownKiosks.add(kiosk);
    }

    @Override
    public void recordRejection(String reasonCode) {
        database.write("count rejection " + reasonCode, c -> {
            try (PreparedStatement ps = c.prepareStatement(COUNT_REJECTION)) {
                ps.setString(1, reasonCode);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void recordStatus(String siteId, String kioskId, KioskStatus status) {
        database.write("record status of kiosk " + siteId + "/" + kioskId, c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT_STATUS)) {
                ps.setString(1, siteId);
                ps.setString(2, kioskId);
                ps.setBoolean(3, status.online());
                ps.setString(4, status.version());
                ps.setString(5, status.bootId());
                ps.setString(6, status.since() == null ? null : WALL_TIME.format(status.since()));
                return ps.executeUpdate();
            }
        });
        knownKiosks.add(new KioskKey(siteId, kioskId));
    }

    @Override
    public void touch(String siteId, String kioskId, Instant at) {
        Instant seen = at.truncatedTo(ChronoUnit.MILLIS);
        database.write("touch kiosk " + siteId + "/" + kioskId, c -> {
            try (PreparedStatement ps = c.prepareStatement(TOUCH)) {
                bindInstant(ps, 1, seen);
                ps.setString(2, siteId);
                ps.setString(3, kioskId);
                bindInstant(ps, 4, seen);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Stats stats() {
        return database.query("read stats", c -> {
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
            long quarantined;
            try (PreparedStatement ps = c.prepareStatement(QUARANTINE_COUNT); ResultSet rs = ps.executeQuery()) {
                rs.next();
                quarantined = rs.getLong(1);
            }
            return new Stats(events, tickets, ratings, rejected, quarantined);
        });
    }

    @Override
    public List<KioskState> kiosks() {
        return database.query("read kiosks", c -> {
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
        if (query.siteId() != null) {
            sql.append(" WHERE site_id = ?");
            params.add(query.siteId());
        }
        if (query.kioskId() != null) {
            sql.append(params.isEmpty() ? " WHERE" : " AND").append(" kiosk_id = ?");
            params.add(query.kioskId());
        }
        if (query.type() != null) {
            sql.append(params.isEmpty() ? " WHERE" : " AND").append(" type = ?");
            params.add(query.type());
        }
        sql.append(" ORDER BY ingest_id DESC LIMIT ?");
        return database.query("read events", c -> {
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
            return database.query("ping", c -> {
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

    /** What the database said, as one line of text fit to store and show: no control characters, bounded. */
    static String reasonOf(Throwable failure) {
        String text = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                text = (sql.getSQLState() == null ? "" : sql.getSQLState() + ": ") + sql.getMessage();
                break;
            }
        }
        if (text == null) {
            text = rootMessage(failure);
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX_REASON));
        for (int i = 0; i < text.length() && clean.length() < MAX_REASON; i++) {
            char ch = text.charAt(i);
            if (Character.isISOControl(ch)) {
                clean.append(' ');
            } else if (Character.isSurrogate(ch)) {
                boolean pair = Character.isHighSurrogate(ch) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                clean.append(pair ? text.substring(i, i + 2) : "?");
                i += pair ? 1 : 0;
            } else {
                clean.append(ch);
            }
        }
        return clean.toString().replaceAll(" {2,}", " ").strip();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
