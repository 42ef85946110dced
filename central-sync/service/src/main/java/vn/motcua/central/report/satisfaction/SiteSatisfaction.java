package vn.motcua.central.report.satisfaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each site's name and satisfaction rules, from its newest published configuration ({@code SiteConfig.satisfaction},
 * {@link SatisfactionRules#DEFAULT} when it has none). A configuration is read once per version: a report asks only
 * for the newest version numbers, which the table's key answers.
 */
public final class SiteSatisfaction {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A site as its newest configuration describes it; name null when it has none. */
    public record Site(long version, String name, SatisfactionRules rules) {
    }

    private final Map<String, Site> read = new ConcurrentHashMap<>();

    /** The configured sites, or only {@code only} unless it is empty, as their newest configurations say. */
    public Map<String, Site> sites(Connection c, String only) throws SQLException {
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
        Set<String> stale = new HashSet<>();
        newest.forEach((site, v) -> {
            Site known = read.get(site);
            if (known == null || known.version() != v) {
                stale.add(site);
            }
        });
        for (String site : stale) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT body FROM site_configs WHERE site_id = ? AND version = ?")) {
                ps.setString(1, site);
                ps.setLong(2, newest.get(site));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        read.put(site, parse(newest.get(site), rs.getString(1)));
                    }
                }
            }
        }
        Map<String, Site> out = new HashMap<>();
        newest.keySet().forEach(site -> {
            Site s = read.get(site);
            if (s != null) {
                out.put(site, s);
            }
        });
        return out;
    }

    /** A configuration's name and rules; a body central signed is well formed, so this is lenient. */
    static Site parse(long version, String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode name = root.get("siteName");
            String siteName = name == null || name.asText().isBlank() ? null : name.asText();
            JsonNode s = root.get("satisfaction");
            if (s == null || s.isNull()) {
                return new Site(version, siteName, SatisfactionRules.DEFAULT);
            }
            Set<String> satisfied = new HashSet<>();
            s.path("satisfied").forEach(l -> satisfied.add(l.asText()));
            List<SatisfactionRules.Band> bands = new ArrayList<>();
            s.path("bands").forEach(b -> bands.add(new SatisfactionRules.Band(b.path("minPercent").asDouble(),
                    b.path("grade").asText())));
            return new Site(version, siteName, new SatisfactionRules(satisfied,
                    SatisfactionRules.DEFAULT.dissatisfied(), bands));
        } catch (IOException e) {
            return new Site(version, null, SatisfactionRules.DEFAULT);
        }
    }
}
