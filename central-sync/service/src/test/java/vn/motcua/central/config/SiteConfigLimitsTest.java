package vn.motcua.central.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import vn.motcua.central.store.EventStore;
import vn.motcua.protocol.message.KioskStatus;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a draft may carry: its version lifts the numbering by a bounded step only, so no draft can leave a site with
 * no newer version to publish; and its size is capped.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteConfigLimitsTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final int MAX_BYTES = 64 * 1024;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EventStore store;

    private WebConsoleSession admin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-config-limits-test", ADMIN,
                ADMIN_PASSWORD);
        p.put("central.site-config.max-bytes", String.valueOf(MAX_BYTES));
        return p;
    }

    @BeforeAll
    void signIn() {
        admin = WebConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
    }

    private static ObjectNode draft(long version) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree("""
                {"siteName": "Sở Giáo dục và Đào tạo", "services": [{"prefix": "A", "nameVi": "Văn bằng"}],
                 "counters": [{"id": "1", "nameVi": "Quầy 1", "services": ["A"]}], "officers": [],
                 "procedures": [], "ratingScale": 5, "notices": []}""");
        d.put("version", version);
        return d;
    }

    /** A procedure with only the fields a draft must have. */
    private static ObjectNode procedure(int i, String nameVi) {
        ObjectNode p = JSON.createObjectNode();
        p.put("nameVi", nameVi);
        p.put("fullyOnline", false);
        p.put("portalUrl", "https://dichvucong.gov.vn/p/" + i);
        return p;
    }

    private record Answer(HttpStatus status, JsonNode body) {
    }

    private Answer publish(String site, String body, String lang) {
        MutableHttpRequest<?> request = admin.on(HttpRequest.POST("/api/sites/" + site + "/config" + lang,
                body.getBytes(StandardCharsets.UTF_8)).contentType("application/json"));
        try {
            var r = http.toBlocking().exchange(request, JsonNode.class);
            return new Answer(r.getStatus(), r.body());
        } catch (HttpClientResponseException e) {
            return new Answer(e.getStatus(), e.getResponse().getBody(JsonNode.class).orElse(null));
        }
    }

    @Test
    void givenDraftVersionNear2To63_whenPublished_thenRefusedNamingVersion_andTheSiteStillPublishes() throws Exception {
        String site = "site-version";
        store.recordStatus(site, "kiosk-v1", new KioskStatus(true, "1.0", "boot", OffsetDateTime.now()));
        assertEquals(2, publish(site, draft(1).toString(), "").body().get("version").asLong());
        for (long huge : new long[]{Long.MAX_VALUE, Long.MAX_VALUE - 1, 1L << 62}) {
            Answer refused = publish(site, draft(huge).toString(), "");
            assertEquals(HttpStatus.BAD_REQUEST, refused.status(), String.valueOf(huge));
            assertEquals("version", refused.body().get("parameter").asText());
            assertTrue(refused.body().get("message").asText().startsWith("Số phiên bản của bản nháp (" + huge + ")"),
                    refused.body().toString());
        }
        Answer english = publish(site, draft(Long.MAX_VALUE).toString(), "?lang=en");
        assertTrue(english.body().get("message").asText().contains("more than 1000 above the latest published "
                + "version (2)"), english.body().toString());

        assertEquals(3, publish(site, draft(1).toString(), "").body().get("version").asLong(),
                "the site publishes as before");
        assertEquals(1003, publish(site, draft(1002).toString(), "").body().get("version").asLong(),
                "a draft may still lift the numbering by up to 1000, e.g. above what kiosks run after a restore");
        assertEquals(HttpStatus.BAD_REQUEST, publish(site, draft(2004).toString(), "").status());
        assertEquals(2004, publish(site, draft(2003).toString(), "").body().get("version").asLong());
    }

    @Test
    void givenServiceLevelTargets_whenPublished_thenKeptInTheSignedConfiguration_andOutOfRangeOnesRefused()
            throws Exception {
        String site = "site-service-levels";
        store.recordStatus(site, "kiosk-sl", new KioskStatus(true, "1.0", "boot", OffsetDateTime.now()));
        ObjectNode d = draft(1);
        ObjectNode service = (ObjectNode) d.get("services").get(0);
        service.put("targetMinutes", 20).put("queueLength", 12);
        d.put("idleCounterMinutes", 10);
        Answer ok = publish(site, d.toString(), "");
        assertEquals(HttpStatus.OK, ok.status(), String.valueOf(ok.body()));
        for (String[] bad : new String[][]{{"targetMinutes", "0"}, {"targetMinutes", "481"},
                {"longestWaitMinutes", "721"}, {"queueLength", "1000"}, {"targetMinutes", "\"20\""}}) {
            ObjectNode wrong = draft(1);
            ((ObjectNode) wrong.get("services").get(0)).set(bad[0], JSON.readTree(bad[1]));
            Answer refused = publish(site, wrong.toString(), "");
            assertEquals(HttpStatus.BAD_REQUEST, refused.status(), bad[0] + "=" + bad[1]);
            assertEquals("services[0]." + bad[0], refused.body().get("parameter").asText());
            assertTrue(refused.body().get("message").asText().startsWith("Nhập số "), refused.body().toString());
        }
        ObjectNode idle = draft(1);
        idle.put("idleCounterMinutes", 0);
        Answer english = publish(site, idle.toString(), "?lang=en");
        assertEquals("idleCounterMinutes", english.body().get("parameter").asText());
        assertEquals("Enter whole minutes from 1 to 240", english.body().get("message").asText());
    }

    @Test
    void givenConfigurationLargerThanTheCap_whenPublished_then413NamingConfig() throws Exception {
        String site = "site-size";
        ObjectNode big = draft(1);
        ArrayNode procedures = big.putArray("procedures");
        for (int i = 0; i < 100; i++) {
            procedures.add(procedure(i, "Thủ tục số " + i + ": " + "x".repeat(700)));
        }
        String body = big.toString();
        assertTrue(body.length() > MAX_BYTES);
        Answer a = publish(site, body, "");
        assertEquals(HttpStatus.REQUEST_ENTITY_TOO_LARGE, a.status());
        assertEquals("config", a.body().get("parameter").asText());
        assertTrue(a.body().get("message").asText().contains("64 KB"), a.body().toString());

        // under the cap as sent, but over it once central writes every field of each procedure and signs it
        ObjectNode edge = draft(1);
        ArrayNode terse = edge.putArray("procedures");
        for (int i = 0; edge.toString().getBytes(StandardCharsets.UTF_8).length < MAX_BYTES - 100; i++) {
            terse.add(procedure(i, "Thủ tục " + i));
        }
        assertTrue(edge.toString().getBytes(StandardCharsets.UTF_8).length < MAX_BYTES);
        Answer signed = publish(site, edge.toString(), "");
        assertEquals(HttpStatus.REQUEST_ENTITY_TOO_LARGE, signed.status(), signed.body().toString());
        assertEquals("config", signed.body().get("parameter").asText());
        assertTrue(signed.body().get("message").asText().startsWith("Cấu hình dài"), signed.body().toString());

        assertEquals(HttpStatus.OK, publish(site, draft(1).toString(), "").status(), "a normal one still publishes");
    }
}
