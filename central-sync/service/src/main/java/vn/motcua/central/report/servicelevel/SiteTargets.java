package vn.motcua.central.report.servicelevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each site's waiting-time targets per service, from its newest published configuration; read once per version.
 * The newest targets measure every day of a report: the office is held to the target it has now.
 */
final class SiteTargets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Read(long version, Map<String, Integer> targets) {
    }

    private final Map<String, Read> read = new ConcurrentHashMap<>();

    /** Per site (only {@code only} unless it is empty), per service prefix, the target in minutes. */
    Map<String, Map<String, Integer>> targets(Connection c, String only) throws SQLException {
        Map<String, Long> newest = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT site_id, MAX(version) FROM site_configs"
                + (only.isEmpty() ? "" : " WHERE site_id = ?") + " GROUP BY site_id")) {
            if (!only.isEmpty()) {
                ps.setString(1, only);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    newest.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        Map<String, Map<String, Integer>> out = new HashMap<>();
        for (Map.Entry<String, Long> site : newest.entrySet()) {
            Read known = read.get(site.getKey());
            if (known == null || known.version() != site.getValue()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT body FROM site_configs WHERE site_id = ? AND version = ?")) {
                    ps.setString(1, site.getKey());
                    ps.setLong(2, site.getValue());
                    try (ResultSet rs = ps.executeQuery()) {
                        known = new Read(site.getValue(), rs.next() ? parse(rs.getString(1)) : Map.of());
                    }
                }
                read.put(site.getKey(), known);
            }
            out.put(site.getKey(), known.targets());
        }
        return out;
    }

    /** A configuration's targets; a body central signed is well formed, so this is lenient. */
    static Map<String, Integer> parse(String body) {
        Map<String, Integer> out = new HashMap<>();
        try {
            for (JsonNode s : JSON.readTree(body).path("services")) {
                JsonNode target = s.get("targetMinutes");
                if (target != null && target.canConvertToInt() && target.asInt() > 0) {
                    out.put(s.path("prefix").asText(), target.asInt());
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return Map.copyOf(out);
    }
}
