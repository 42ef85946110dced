package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What central holds, read straight from its database rather than through its API, so that nothing a page or a
 * filter leaves out can hide a row: the stored events and, once the store has one, the quarantine of events it
 * could not store (found by name; its columns are read by what they hold, since only the event id, where it came
 * from and a reason are promised).
 */
final class CentralRecords {
    enum Place { STORED, QUARANTINED }

    /**
     * One event at central. {@code entity} is the ticket or rating the event is about; {@code reason} only for
     * quarantined events.
     */
    record Row(Place place, String siteId, String kioskId, String eventId, String type, String entity,
               String reason) {
    }

    private final String url;
    private final String user;

    CentralRecords(String url, String user) {
        this.url = url;
        this.user = user;
    }

    List<Row> read() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            List<Row> rows = new ArrayList<>(events(c));
            Optional<String> quarantine = table(c, "quarantine");
            if (quarantine.isPresent()) {
                rows.addAll(quarantine(c, quarantine.get()));
            }
            return rows;
        }
    }

    boolean hasQuarantine() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            return table(c, "quarantine").isPresent();
        }
    }

    /** The command audit: id → the result message central recorded (null while none). */
    Map<String, String> commandResults() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, result_message FROM commands")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static List<Row> events(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT site_id, kiosk_id, CAST(event_id AS TEXT), type, "
                     + "CAST(data AS TEXT) FROM events")) {
            while (rs.next()) {
                String type = rs.getString(4);
                rows.add(new Row(Place.STORED, rs.getString(1), rs.getString(2), rs.getString(3), type,
                        entityOf(type, parse(rs.getString(5))), null));
            }
        }
        return rows;
    }

    private static List<Row> quarantine(Connection c, String table) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> columns = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getString(i));
                }
                rows.add(quarantineRow(columns));
            }
        }
        return rows;
    }

    /** Reads a quarantine row by what its columns hold: ids by name, the event itself from any JSON column. */
    static Row quarantineRow(Map<String, String> columns) {
        String site = first(columns, "site_id", "site");
        String kiosk = first(columns, "kiosk_id", "kiosk");
        String eventId = first(columns, "event_id");
        String type = first(columns, "type", "event_type");
        String reason = null;
        for (Map.Entry<String, String> e : columns.entrySet()) {
            if (e.getKey().contains("reason") && e.getValue() != null && !e.getValue().isBlank()) {
                reason = reason == null ? e.getValue() : reason + "; " + e.getValue();
            }
        }
        JsonNode event = null;
        for (String value : columns.values()) {
            JsonNode parsed = value != null && value.strip().startsWith("{") ? parse(value) : null;
            if (parsed != null && parsed.isObject()) {
                event = parsed;
                // a whole event ({"seq","id","type","data"}) wins over a bare data column
                if (parsed.has("data") || parsed.has("events")) {
                    break;
                }
            }
        }
        JsonNode data = event;
        if (event != null) {
            if (event.has("events") && event.get("events").isArray() && event.get("events").size() == 1) {
                event = event.get("events").get(0);
            }
            if (eventId == null && event.hasNonNull("id")) {
                eventId = event.get("id").asText();
            }
            if (type == null && event.hasNonNull("type")) {
                type = event.get("type").asText();
            }
            data = event.has("data") ? event.get("data") : event;
        }
        return new Row(Place.QUARANTINED, site, kiosk, eventId, type, entityOf(type, data), reason);
    }

    private static String first(Map<String, String> columns, String... names) {
        for (String n : names) {
            String v = columns.get(n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static String entityOf(String type, JsonNode data) {
        if (data == null) {
            return null;
        }
        String field = "rating.submitted".equals(type) ? "ratingId" : "ticketId";
        JsonNode v = data.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Http.JSON.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }

    /** The first table whose name contains {@code part} (the store may call it quarantine or event_quarantine). */
    private static Optional<String> table(Connection c, String part) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String schema = rs.getString("TABLE_SCHEM");
                boolean system = schema != null && (schema.equals("pg_catalog") || schema.equals("information_schema"));
                if (!system && name.toLowerCase(Locale.ROOT).contains(part)) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }
}
