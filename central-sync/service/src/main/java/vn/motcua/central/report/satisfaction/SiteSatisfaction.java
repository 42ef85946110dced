package vn.motcua.central.report.satisfaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.central.store.NewestSiteConfigs;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each site's name and satisfaction rules, from its newest published configuration ({@code SiteConfig.satisfaction},
 * {@link SatisfactionRules#DEFAULT} when it has none). A configuration is read once per version: a report asks only
 * for the newest version numbers, which the table's key answers.
 */
public final class SiteSatisfaction {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A site as its newest configuration describes it; name null when it has none. */
    public record Site(String name, SatisfactionRules rules) {
    }

    private final NewestSiteConfigs<Site> newest = new NewestSiteConfigs<>(SiteSatisfaction::parse);

    /** The configured sites, or only {@code only} unless it is empty, as their newest configurations say. */
    public Map<String, Site> sites(Connection c, String only) throws SQLException {
        return newest.read(c, only);
    }

    /** A configuration's name and rules; a body central signed is well formed, so this is lenient. */
    static Site parse(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode name = root.get("siteName");
            String siteName = name == null || name.asText().isBlank() ? null : name.asText();
            JsonNode s = root.get("satisfaction");
            if (s == null || s.isNull()) {
                return new Site(siteName, SatisfactionRules.DEFAULT);
            }
            Set<String> satisfied = new HashSet<>();
            s.path("satisfied").forEach(l -> satisfied.add(l.asText()));
            List<SatisfactionRules.Band> bands = new ArrayList<>();
            s.path("bands").forEach(b -> bands.add(new SatisfactionRules.Band(b.path("minPercent").asDouble(),
                    b.path("grade").asText())));
            return new Site(siteName, new SatisfactionRules(satisfied,
                    SatisfactionRules.DEFAULT.dissatisfied(), bands));
        } catch (IOException e) {
            return new Site(null, SatisfactionRules.DEFAULT);
        }
    }
}
