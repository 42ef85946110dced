package vn.motcua.central.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.central.store.Database;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.SiteConfig;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The optional {@code announce} block (numbers called aloud): published as given, refused when out of range. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteConfigAnnounceTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "correct horse battery";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    SiteConfigService configs;
    @Inject
    Database sql;

    private WebConsoleSession admin;

    @Override
    public Map<String, String> getProperties() {
        return WebConsoleSession.centralProperties("central-config-announce-test", ADMIN, ADMIN_PASSWORD);
    }

    @BeforeAll
    void signIn() {
        admin = WebConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
    }

    private static ObjectNode draft() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"version": 1, "siteName": "Sở Giáo dục và Đào tạo", "services": [{"prefix": "A", "nameVi": "Văn bằng"}],
                 "counters": [{"id": "1", "nameVi": "Quầy 1", "services": ["A"]}], "officers": [],
                 "procedures": [], "ratingScale": 5, "notices": []}""");
    }

    private HttpStatus publish(String site, ObjectNode body) {
        MutableHttpRequest<?> request = admin.on(HttpRequest.POST("/api/sites/" + site + "/config",
                body.toString().getBytes(StandardCharsets.UTF_8)).contentType("application/json"));
        try {
            return http.toBlocking().exchange(request, JsonNode.class).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private SiteConfig latest(String site) {
        return new ProtocolCodec().decodeSiteConfig(configs.latestBody(site).orElseThrow()
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenADraftWithAnnounceOffAtVolume35_whenPublished_thenTheSignedConfigurationCarriesIt() throws Exception {
        ObjectNode d = draft();
        d.putObject("announce").put("enabled", false).put("volume", 35);
        assertEquals(HttpStatus.OK, publish("site-announce", d));
        assertEquals(new SiteConfig.Announce(false, 35), latest("site-announce").announce());
    }

    @Test
    void givenADraftWithoutAnnounce_whenPublished_thenItIsPublishedWithoutIt() throws Exception {
        assertEquals(HttpStatus.OK, publish("site-no-announce", draft()));
        assertFalse(configs.latestBody("site-no-announce").orElseThrow().contains("announce"));
    }

    @Test
    void givenAVolumeOf150_whenPublished_thenRefused() throws Exception {
        ObjectNode d = draft();
        d.putObject("announce").put("volume", 150);
        assertEquals(HttpStatus.BAD_REQUEST, publish("site-loud", d));
    }

    /** The officer lines kept for a site's days, and which of its days are due for recomputing. */
    private List<String> dueDays(String site) {
        return sql.query("due days", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT day FROM officer_lines_due WHERE site_id = ? ORDER BY day")) {
                ps.setString(1, site);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Test
    void givenKeptOfficerLines_whenTheSiteConfigurationIsPublished_thenTheSitesKeptDaysAreDueAndNoOtherSites()
            throws Exception {
        sql.write("kept lines", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO officer_lines_kept (kind, period, site_id, "
                    + "computed_at, lines) VALUES (?, ?, ?, 1, '[]')")) {
                for (String[] row : new String[][]{{"day", "2026-11-02", "site-kept"}, {"day", "2026-11-03",
                        "site-kept"}, {"week", "2026-W45", "site-kept"}, {"month", "2026-11", "site-kept"},
                        {"day", "2026-11-02", "site-other"}}) {
                    ps.setString(1, row[0]);
                    ps.setString(2, row[1]);
                    ps.setString(3, row[2]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        assertEquals(List.of(), dueDays("site-kept"));
        // the share satisfied of every kept line follows the site's rules, which a new configuration may change
        assertEquals(HttpStatus.OK, publish("site-kept", draft()));
        assertEquals(List.of("2026-11-02", "2026-11-03"), dueDays("site-kept"));
        assertEquals(List.of(), dueDays("site-other"));
    }
}
