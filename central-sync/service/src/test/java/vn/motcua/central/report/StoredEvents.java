package vn.motcua.central.report;

import vn.motcua.central.store.Database;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events of one kiosk written straight into the events table, as the store writes them, whatever their content;
 * remembers which ones no rollup can aggregate.
 */
final class StoredEvents {
    static final String SITE = "site-r";
    static final String KIOSK = "kiosk-r";
    private static final DateTimeFormatter SQLITE_INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    record Row(long seq, String id, String type, String at, String data, long uptimeMs) {
    }

    final String dialect;
    final long firstSeq;
    final List<Row> rows = new ArrayList<>();
    /** Event id to the rollup that must set it aside and a word its reason must contain. */
    final Map<String, List<String>> bad = new LinkedHashMap<>();
    Instant receivedAt = Instant.now();

    StoredEvents(String dialect, long firstSeq) {
        this.dialect = dialect;
        this.firstSeq = firstSeq;
    }

    /** An event at {@code minute} past 08:00 on 2026-11-20, by wall clock and by uptime. */
    StoredEvents good(String type, int minute, String data) {
        return add(type, "2026-11-20T08:%02d:00+07:00".formatted(minute), data, 3_600_000L + minute * 60_000L);
    }

    StoredEvents bad(String rollup, String reasonWord, String type, String at, String data) {
        add(type, at, data, 3_600_000L);
        bad.put(rows.get(rows.size() - 1).id(), List.of(rollup, reasonWord));
        return this;
    }

    private StoredEvents add(String type, String at, String data, long uptimeMs) {
        rows.add(new Row(firstSeq + rows.size(), UUID.randomUUID().toString(), type, at, data, uptimeMs));
        return this;
    }

    static String rating(String level, String counter, String reasons) {
        return ("{\"ratingId\":\"%s\",\"ticketId\":null,\"counter\":%s,\"officerId\":\"o1\","
                + "\"procedureCode\":null,\"level\":\"%s\",\"scale\":5,\"reasons\":%s,\"comment\":null}")
                .formatted(UUID.randomUUID(), counter, level, reasons);
    }

    /** Inserts the events as the store does, in one transaction. */
    void store(Database sql) {
        boolean postgres = dialect.equals("postgresql");
        sql.write("insert events", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO events (kiosk_id, seq, event_id, site_id, type, at, clock_synced, boot_id,
                        uptime_ms, data, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, %s, ?)"""
                    .formatted(postgres ? "CAST(? AS jsonb)" : "?"))) {
                for (Row r : rows) {
                    ps.setString(1, KIOSK);
                    ps.setLong(2, r.seq());
                    if (postgres) {
                        ps.setObject(3, UUID.fromString(r.id()));
                    } else {
                        ps.setString(3, r.id());
                    }
                    ps.setString(4, SITE);
                    ps.setString(5, r.type());
                    ps.setString(6, r.at());
                    ps.setBoolean(7, true);
                    ps.setString(8, "boot-1");
                    ps.setLong(9, r.uptimeMs());
                    ps.setString(10, r.data());
                    if (postgres) {
                        ps.setObject(11, receivedAt.atOffset(ZoneOffset.UTC));
                    } else {
                        ps.setString(11, SQLITE_INSTANT.format(receivedAt));
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }
}
