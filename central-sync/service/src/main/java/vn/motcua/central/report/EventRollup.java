package vn.motcua.central.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.StoreException;
import vn.motcua.protocol.event.EventType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What both report rollups share: reading stored events of their types past their {@link RollupWatermark}, setting
 * aside every event they cannot aggregate, and telling such an event from a database outage.
 * <ul>
 *   <li>An event the rollup cannot read (a date out of range, a body it cannot parse) is set aside in
 *   {@code rollup_set_aside} with its reason in the same transaction that adds the others.</li>
 *   <li>When adding a batch fails for a reason the data can cause (a Java exception, an SQL data error), the batch
 *   is rolled back and its events are added again one per transaction; the one that still fails is set aside.</li>
 *   <li>Anything else (connection lost, SQLState class 08, a lock or serialization conflict, any other database
 *   error) rolls the run back: the pass stops and the next one retries the same events, skipping none.</li>
 * </ul>
 */
final class EventRollup<T> {
    /** What one event adds to a rollup; throws (anything) for an event the rollup cannot aggregate. */
    @FunctionalInterface
    interface Reader<T> {
        T read(RollupEvent event) throws RollupEvent.Unreadable;
    }

    /** Adds the events read, in store order, to the rollup's tables. */
    @FunctionalInterface
    interface Adder<T> {
        void add(Connection c, List<T> events) throws SQLException;
    }

    private record SetAside(RollupEvent event, String reason) {
    }

    private record Step(int read, List<SetAside> setAside) {
    }

    /** What a step got to before it failed, so the failure can be narrowed down to its events. */
    private static final class Attempt {
        long from = -1;
        long lastRead = -1;
        RollupEvent only;
    }

    private static final Logger LOG = LoggerFactory.getLogger(EventRollup.class);
    private static final int REASON_MAX = 1000;
    /** SQLState classes an event's own values can cause: data exception, integrity constraint, program limit. */
    private static final Set<String> ROW_SQL_STATE_CLASSES = Set.of("22", "23", "54");
    private static final Set<SQLiteErrorCode> ROW_SQLITE_ERRORS = Set.of(SQLiteErrorCode.SQLITE_CONSTRAINT,
            SQLiteErrorCode.SQLITE_MISMATCH, SQLiteErrorCode.SQLITE_TOOBIG, SQLiteErrorCode.SQLITE_RANGE);

    private final RollupWatermark watermark;
    private final String select;
    private final Database sql;
    private final int batch;
    private final Reader<T> reader;
    private final Adder<T> adder;
    private final Clock clock;

    /** {@code reads} tells the event types the rollup reads; events of other types it never sees. */
    EventRollup(String name, Predicate<EventType> reads, Database sql, int batch, Reader<T> reader, Adder<T> adder,
                Clock clock) {
        if (batch < 1) {
            throw new IllegalArgumentException("central.reports.rollup-batch must be at least 1, not " + batch);
        }
        this.watermark = new RollupWatermark(name);
        this.select = """
                SELECT ingest_id, event_id, site_id, kiosk_id, seq, type, at, boot_id, uptime_ms, data FROM events
                WHERE type IN (%s) AND ingest_id > ? AND ingest_id <= ? ORDER BY ingest_id LIMIT ?"""
                .formatted(Arrays.stream(EventType.values()).filter(reads).map(t -> "'" + t.wireName() + "'")
                        .collect(Collectors.joining(", ")));
        this.sql = sql;
        this.batch = batch;
        this.reader = reader;
        this.adder = adder;
        this.clock = clock;
    }

    /** The scheduled run: rolls up until caught up; a database failure ends it and the next run retries. */
    void pass() {
        try {
            while (runOnce() == batch) {
                LOG.debug("rollup {}: more to do", watermark.name());
            }
        } catch (StoreException e) {
            LOG.warn("rollup {}: stopped until its next run, nothing skipped: {}", watermark.name(),
                    e.getMessage());
        }
    }

    /**
     * Rolls up one batch of at most {@code rollup-batch} events; returns how many it read (added or set aside).
     *
     * @throws StoreException when the database failed or another instance moved the watermark first: nothing of
     *                        this batch was written, the next run reads it again
     */
    int runOnce() {
        long horizon = sql.write("find how far events are stored", RollupWatermark::horizon);
        Attempt attempt = new Attempt();
        try {
            return step(horizon, batch, attempt);
        } catch (StoreException e) {
            if (attempt.lastRead < 0 || !blamesTheEvent(e)) {
                throw e;
            }
            LOG.warn("rollup {}: events after ingest id {} up to {} could not be added together ({}); adding them "
                    + "one at a time", watermark.name(), attempt.from, attempt.lastRead, reason(e));
            return oneByOne(horizon, attempt.lastRead);
        }
    }

    /** Adds the events up to {@code upTo} one per transaction, setting aside each one that fails alone. */
    private int oneByOne(long horizon, long upTo) {
        int read = 0;
        while (true) {
            Attempt attempt = new Attempt();
            try {
                if (step(horizon, 1, attempt) == 0) {
                    return read;
                }
                read++;
            } catch (StoreException e) {
                if (attempt.only == null || !blamesTheEvent(e)) {
                    throw e;
                }
                setAsideAlone(attempt.from, attempt.only, reason(e));
                read++;
            }
            if (attempt.lastRead >= upTo) {
                return read;
            }
        }
    }

    /** One transaction: reads up to {@code limit} events, adds what it can read, sets aside what it cannot. */
    private int step(long horizon, int limit, Attempt attempt) {
        Step step = sql.write("roll up " + watermark.name(), c -> {
            long from = watermark.read(c);
            attempt.from = from;
            List<RollupEvent> events = select(c, from, horizon, limit);
            if (!events.isEmpty()) {
                attempt.lastRead = events.get(events.size() - 1).ingestId();
                attempt.only = events.size() == 1 ? events.get(0) : null;
            }
            // a short batch has read every event of its types up to the horizon
            long to = events.size() < limit ? Math.max(from, horizon) : attempt.lastRead;
            if (to == from) {
                return new Step(0, List.of());
            }
            List<T> read = new ArrayList<>();
            List<SetAside> setAside = new ArrayList<>();
            for (RollupEvent e : events) {
                try {
                    read.add(reader.read(e));
                } catch (RollupEvent.Unreadable u) {
                    setAside.add(new SetAside(e, u.getMessage()));
                } catch (RuntimeException r) {
                    setAside.add(new SetAside(e, describe(r)));
                }
            }
            watermark.advance(c, from, to);
            if (!read.isEmpty()) {
                adder.add(c, read);
            }
            record(c, setAside);
            return new Step(events.size(), setAside);
        });
        step.setAside().forEach(this::log);
        return step.read();
    }

    private void setAsideAlone(long from, RollupEvent event, String reason) {
        SetAside setAside = new SetAside(event, reason);
        sql.write("set aside event " + event.eventId() + " from rollup " + watermark.name(), c -> {
            watermark.advance(c, from, event.ingestId());
            record(c, List.of(setAside));
            return null;
        });
        log(setAside);
    }

    private List<RollupEvent> select(Connection c, long from, long horizon, int limit) throws SQLException {
        List<RollupEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setLong(1, from);
            ps.setLong(2, horizon);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new RollupEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9),
                            rs.getString(10)));
                }
            }
        }
        return events;
    }

    private void record(Connection c, List<SetAside> setAside) throws SQLException {
        if (setAside.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO rollup_set_aside (rollup, ingest_id, event_id, site_id, kiosk_id, seq, reason,
                    set_aside_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (rollup, ingest_id) DO NOTHING""")) {
            long now = clock.millis();
            for (SetAside s : setAside) {
                RollupEvent e = s.event();
                ps.setString(1, watermark.name());
                ps.setLong(2, e.ingestId());
                ps.setString(3, e.eventId());
                ps.setString(4, e.siteId());
                ps.setString(5, e.kioskId());
                ps.setLong(6, e.seq());
                ps.setString(7, shortened(s.reason()));
                ps.setLong(8, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void log(SetAside s) {
        RollupEvent e = s.event();
        LOG.warn("rollup {}: event {} ({} of site {} kiosk {} seq {}, ingest id {}) set aside, not counted: {}",
                watermark.name(), e.eventId(), e.type(), e.siteId(), e.kioskId(), e.seq(), e.ingestId(),
                shortened(s.reason()));
    }

    /**
     * Whether a failure can come from the events being added rather than from the database: an exception of the
     * rollup's own code, or an SQL error of a class an event's values cause. Everything else is the database's,
     * so retrying later, without skipping anything, is right.
     */
    static boolean blamesTheEvent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RollupWatermark.Moved) {
                return false;
            }
            if (t instanceof SQLiteException sqlite) {
                return ROW_SQLITE_ERRORS.contains(sqlite.getResultCode());
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                return state != null && state.length() >= 2 && ROW_SQL_STATE_CLASSES.contains(state.substring(0, 2));
            }
            if (!(t instanceof StoreException) && t instanceof RuntimeException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String shortened(String text) {
        return text.length() <= REASON_MAX ? text : text.substring(0, REASON_MAX) + "…";
    }

    /** The reason a batch failed, as an operator reads it: the innermost cause's message, shortened. */
    private static String reason(StoreException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return shortened(describe(root));
    }
}
