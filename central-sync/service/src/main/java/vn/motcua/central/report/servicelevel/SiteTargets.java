package vn.motcua.central.report.servicelevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.central.store.NewestSiteConfigs;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Each site's waiting-time targets per service, from its newest published configuration; read once per version.
 * The newest targets measure every day of a report: the office is held to the target it has now.
 */
final class SiteTargets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NewestSiteConfigs<Map<String, Integer>> newest = new NewestSiteConfigs<>(SiteTargets::parse);

    /** Per site (only {@code only} unless it is empty), per service prefix, the target in minutes. */
    Map<String, Map<String, Integer>> targets(Connection c, String only) throws SQLException {
        return newest.read(c, only);
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
