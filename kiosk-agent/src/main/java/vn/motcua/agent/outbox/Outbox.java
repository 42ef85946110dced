package vn.motcua.agent.outbox;

import jakarta.inject.Singleton;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.status.HostInfo;
import vn.motcua.agent.status.KioskHealth;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The store-and-forward queue of events for central. Business code calls {@link #append} inside its own transaction,
 * so an event exists exactly when the ticket or rating it describes exists; the publisher reads, and deletes only
 * what central has acknowledged. All methods take the caller's connection: they run inside Database.transaction.
 */
@Singleton
public class Outbox {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Outbox.class);
    private final Clock clock;
    private final HostInfo host;
    private final ProtocolCodec codec;
    private final OutboxSignal signal;
    private final Database db;
    private final KioskHealth health;

    public Outbox(Clock clock, HostInfo host, ProtocolCodec codec, OutboxSignal signal, Database db,
                  KioskHealth health) {
        this.clock = clock;
        this.host = host;
        this.codec = codec;
        this.signal = signal;
        this.db = db;
        this.health = health;
        health.outboxBacklog(db.transaction(this::backlog));
    }

    /**
     * Adds an event with the next sequence number. Once the caller's transaction commits, the publisher is woken
     * and the new backlog reported to {@link KioskHealth}; if it rolls back, neither happens.
     *
     * @throws EventRefused when central would refuse the event; the caller's transaction must roll back
     */
    public KioskEvent append(Connection c, EventBody body, OffsetDateTime at) throws SQLException {
        long seq = state(c, "next_seq");
        KioskEvent event = new KioskEvent(seq, UUID.randomUUID(), EventType.of(body), at, host.clockSynced(),
                host.bootId(), host.uptimeMs(), body);
        String payload = checked(event);
        try (PreparedStatement next = c.prepareStatement("UPDATE sync_state SET value = ? WHERE name = 'next_seq'")) {
            next.setLong(1, seq + 1);
            next.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO outbox (seq, event_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setString(2, event.id().toString());
            insert.setString(3, event.type().wireName());
            insert.setString(4, payload);
            insert.setString(5, at.toString());
            insert.executeUpdate();
        }
        long backlog = seq - state(c, "last_ack_seq");
        db.afterCommit(() -> {
            health.outboxBacklog(backlog);
            signal.signal();
        });
        return event;
    }

    /** The event's JSON, once the contract's own strict read accepts it: nothing central would refuse is stored. */
    private String checked(KioskEvent event) {
        try {
            return codec.encodeEvent(event);
        } catch (ProtocolException e) {
            LOG.error("outbox: {} event refused before commit, nothing saved: {}", event.type().wireName(),
                    e.getMessage());
            throw new EventRefused(event.type(), e);
        }
    }

    /** Up to {@code limit} events after {@code afterSeq}, in sequence order, as their stored JSON. */
    public List<Row> readAfter(Connection c, long afterSeq, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, payload FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> rows = new ArrayList<>(limit);
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getBytes(2)));
                }
                return rows;
            }
        }
    }

    public void markPublished(Connection c, long fromSeq, long toSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET published_at = ? WHERE seq BETWEEN ? AND ? AND published_at IS NULL")) {
            ps.setString(1, OffsetDateTime.now(clock).toString());
            ps.setLong(2, fromSeq);
            ps.setLong(3, toSeq);
            ps.executeUpdate();
        }
    }

    /**
     * Central has durably stored every event up to {@code upToSeq}: delete them and remember the ack. The publisher
     * calls this only for a verified ack within a batch it sent; as a last guard, an ack beyond the last sequence
     * ever assigned is clamped to it, so it can never mark as stored a number no event has had yet.
     *
     * @return the stored last acked sequence
     */
    public long acknowledge(Connection c, long upToSeq) throws SQLException {
        long covered = Math.min(upToSeq, lastSeq(c));
        long previous = state(c, "last_ack_seq");
        if (covered <= previous) {
            return previous;
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM outbox WHERE seq <= ?");
             PreparedStatement ack = c.prepareStatement("UPDATE sync_state SET value = ? WHERE name = 'last_ack_seq'")) {
            delete.setLong(1, covered);
            delete.executeUpdate();
            ack.setLong(1, covered);
            ack.executeUpdate();
        }
        long backlog = lastSeq(c) - covered;
        db.afterCommit(() -> health.outboxBacklog(backlog));
        return covered;
    }

    public long lastSeq(Connection c) throws SQLException {
        return state(c, "next_seq") - 1;
    }

    public long lastAckSeq(Connection c) throws SQLException {
        return state(c, "last_ack_seq");
    }

    public long backlog(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long state(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM sync_state WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("sync_state has no '" + name + "' row");
                }
                return rs.getLong(1);
            }
        }
    }

    /** One stored event: its sequence and its JSON, ready to be spliced into a batch. */
    public record Row(long seq, byte[] payload) {
    }
}
