package vn.motcua.central.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How far one rollup has read the events table ({@code rollup_state}). A run reads from {@link #read}, then
 * {@link #advance}s before it writes anything: the update only succeeds if the watermark is still where the run found
 * it, so of two central instances rolling up the same events one waits on the other's row lock, finds the watermark
 * moved and rolls back untouched, and no event is counted twice.
 */
final class RollupWatermark {
    private final String name;

    RollupWatermark(String name) {
        this.name = name;
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
                throw new SQLException("rollup " + name + ": another instance rolled up events after " + from
                        + "; retrying later");
            }
        }
    }
}
