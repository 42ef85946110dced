package vn.motcua.central.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How far one rollup has read the events table ({@code rollup_state}): every event up to the watermark has been
 * added to the rollup's tables or set aside. A run reads from {@link #read}, then {@link #advance}s before it writes
 * anything: the update only succeeds if the watermark is still where the run found it, so of two central instances
 * rolling up the same events one waits on the other's row lock, finds the watermark moved and rolls back untouched,
 * and no event is counted twice.
 */
final class RollupWatermark {
    /** How long a rollup waits for the event writers in flight before it tries again at its next run. */
    static final String HORIZON_LOCK_TIMEOUT = "2s";

    private final String name;

    RollupWatermark(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Another run moved the watermark first: a conflict to retry later, never a fault of the events read. */
    static final class Moved extends SQLException {
        Moved(String message) {
            super(message, "40001");
        }
    }

    long read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_ingest_id FROM rollup_state WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Moves the watermark from {@code from} to {@code to}; throws (rolling the run back) if another run moved it. */
    void advance(Connection c, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE rollup_state SET last_ingest_id = ? WHERE name = ? AND last_ingest_id = ?")) {
            ps.setLong(1, to);
            ps.setString(2, name);
            ps.setLong(3, from);
            if (ps.executeUpdate() != 1) {
                throw new Moved("rollup " + name + ": another instance rolled up events after " + from
                        + "; retrying later");
            }
        }
    }

    /**
     * The highest ingest id up to which the events table is final: no event with a lower id can still appear. On
     * PostgreSQL an id is taken when a row is inserted but the row shows at commit, so a writer that commits late
     * can add an event below ids already visible; a watermark moved past it would miss it for good. A SHARE lock on
     * the events waits for every transaction writing them and makes new writers wait only until this short
     * transaction ends (at most {@link #HORIZON_LOCK_TIMEOUT}); afterwards every id up to MAX is settled. SQLite
     * has one writer, which commits ids in order.
     */
    static long horizon(Connection c) throws SQLException {
        if ("PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '" + HORIZON_LOCK_TIMEOUT + "'");
                s.execute("LOCK TABLE events IN SHARE MODE");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(ingest_id) FROM events");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
