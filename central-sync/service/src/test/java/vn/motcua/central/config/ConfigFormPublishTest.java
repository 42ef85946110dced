package vn.motcua.central.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import org.awaitility.Awaitility;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.central.fleet.FleetMqttClient;
import vn.motcua.central.store.EventStore;
import vn.motcua.protocol.message.KioskStatus;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration page's form and the publish endpoint behind it: a configuration as the form writes it publishes,
 * and each mistake an office worker can make in the form is refused with a 400 naming the field, as the form marks it.
 * Runs the service with its embedded broker and an SQLite file, as {@code WebSecurityTest} does.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigFormPublishTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final String SITE = "so-gddt";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EventStore store;
    @Inject
    FleetMqttClient fleet;

    private WebConsoleSession admin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-config-form-test", ADMIN, ADMIN_PASSWORD);
        return p;
    }

    @BeforeAll
    void signIn() {
        admin = WebConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        store.recordStatus(SITE, "kiosk-form", new KioskStatus(true, "1.0", "boot", OffsetDateTime.now()));
        // a configuration counts as sent only once central's fleet connection to the broker is up
        Awaitility.await("fleet connection up").atMost(Duration.ofMinutes(1)).until(fleet::isReady);
    }

    private MutableHttpRequest<?> as(MutableHttpRequest<?> request) {
        return admin.on(request);
    }

    /** What the form writes for a new site: optional fields null, notices without blank lines, no catalogue. */
    private static ObjectNode formMade() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"version": 1, "siteName": "Sở Giáo dục và Đào tạo — Bộ phận Một cửa",
                 "services": [{"prefix": "A", "nameVi": "Văn bằng, chứng chỉ", "nameEn": "Diplomas"},
                              {"prefix": "B", "nameVi": "Thi, tuyển sinh", "nameEn": null}],
                 "counters": [{"id": "1", "nameVi": "Quầy tiếp nhận", "services": ["A", "B"]},
                              {"id": "2", "nameVi": "Quầy 2", "services": []}],
                 "officers": [{"id": "cb-lan", "name": "Nguyễn Thị Lan", "photoUrl": null},
                              {"id": "cb-minh", "name": "Trần Văn Minh", "photoUrl": "https://example.vn/minh.jpg"}],
                 "procedures": [], "ratingScale": 3, "notices": ["Vui lòng giữ phiếu."], "sig": null}""");
    }

    private String refusedField(Consumer<ObjectNode> mistake) throws Exception {
        ObjectNode config = formMade();
        mistake.accept(config);
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(as(HttpRequest.POST("/api/sites/" + SITE + "/config", JSON.writeValueAsString(config))),
                        String.class));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), config.toString());
        return e.getResponse().getBody(JsonNode.class).orElseThrow().get("parameter").asText();
    }

    private static ObjectNode item(ObjectNode config, String list, int i) {
        return (ObjectNode) config.get(list).get(i);
    }

    @Test
    void givenConfigAsTheFormWritesIt_whenPublished_thenSignedAndSentToTheSitesKiosk() throws Exception {
        HttpResponse<String> r = http.toBlocking().exchange(as(HttpRequest.POST("/api/sites/" + SITE + "/config",
                JSON.writeValueAsString(formMade()))), String.class);
        assertEquals(HttpStatus.OK, r.getStatus());
        JsonNode published = JSON.readTree(r.body());
        assertTrue(published.get("version").asLong() >= 2, r.body());
        assertEquals(1, published.get("kiosks").asInt(), r.body());
        String page = http.toBlocking().retrieve(as(HttpRequest.GET("/admin/config?site=" + SITE)));
        assertTrue(page.contains("Quầy tiếp nhận") && page.contains("&quot;ratingScale&quot;:3"),
                "the page's draft is the published configuration");
    }

    @Test
    void givenCounterIdTwice_whenPublished_thenTheReasonIsInThePagesLanguage() throws Exception {
        ObjectNode config = formMade();
        item(config, "counters", 1).put("id", "1");
        for (String[] expected : new String[][]{{"", "Mã quầy '1' đã dùng cho một quầy khác"},
                {"?lang=en", "'1' is already the id of another counter"}}) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                    .exchange(as(HttpRequest.POST("/api/sites/" + SITE + "/config" + expected[0],
                            JSON.writeValueAsString(config))), String.class));
            JsonNode body = e.getResponse().getBody(JsonNode.class).orElseThrow();
            assertEquals("counters[1].id", body.get("parameter").asText());
            assertTrue(body.toString().contains(expected[1]), body.toString());
        }
    }

    @Test
    void givenPage_whenOpened_thenFormAboveTheJsonInVietnameseOrEnglish() {
        String vi = http.toBlocking().retrieve(as(HttpRequest.GET("/admin/config?lang=vi")));
        for (String part : new String[]{"id=\"cfg-services\"", "id=\"cfg-counters\"", "id=\"cfg-officers\"",
                "name=\"ratingScale\" value=\"5\"", "name=\"ratingScale\" value=\"3\"", "Thêm dịch vụ", "Thêm quầy",
                "Thêm cán bộ", "Xem nâng cao", "Thông báo trên ki-ốt (mỗi dòng một thông báo)"}) {
            assertTrue(vi.contains(part), part);
        }
        assertTrue(vi.indexOf("id=\"config-easy\"") < vi.indexOf("id=\"config-json\""), "the form comes first");
        String en = http.toBlocking().retrieve(as(HttpRequest.GET("/admin/config?lang=en")));
        assertTrue(en.contains("Add a counter") && en.contains("Advanced view"), "English texts");
    }

    @Test
    void givenPrefixNotOneCapitalLetter_whenPublished_then400NamingIt() throws Exception {
        assertEquals("services[1].prefix", refusedField(c -> item(c, "services", 1).put("prefix", "b")));
        assertEquals("services[1].prefix", refusedField(c -> item(c, "services", 1).put("prefix", "BB")));
        assertEquals("services[0].prefix", refusedField(c -> item(c, "services", 0).put("prefix", "1")));
        assertEquals("services[1].prefix", refusedField(c -> item(c, "services", 1).put("prefix", "")));
    }

    @Test
    void givenDuplicateIds_whenPublished_then400NamingTheSecond() throws Exception {
        assertEquals("services[1].prefix", refusedField(c -> item(c, "services", 1).put("prefix", "A")));
        assertEquals("counters[1].id", refusedField(c -> item(c, "counters", 1).put("id", "1")));
        assertEquals("officers[1].id", refusedField(c -> item(c, "officers", 1).put("id", "cb-lan")));
    }

    @Test
    void givenCounterServingUnknownService_whenPublished_then400NamingIt() throws Exception {
        assertEquals("counters[0].services[1]",
                refusedField(c -> ((ArrayNode) item(c, "counters", 0).get("services")).set(1, "C")));
    }

    @Test
    void givenRatingScaleNeitherThreeNorFive_whenPublished_then400NamingIt() throws Exception {
        assertEquals("ratingScale", refusedField(c -> c.put("ratingScale", 4)));
        assertEquals("ratingScale", refusedField(c -> c.put("ratingScale", 10)));
    }

    @Test
    void givenRequiredFieldLeftEmpty_whenPublished_then400NamingIt() throws Exception {
        assertEquals("siteName", refusedField(c -> c.put("siteName", "")));
        assertEquals("counters[1].nameVi", refusedField(c -> item(c, "counters", 1).put("nameVi", " ")));
        assertEquals("officers[0].name", refusedField(c -> item(c, "officers", 0).put("name", "")));
    }

    @Test
    void givenJsonThatDoesNotParse_whenPublished_then400NamingTheConfig() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(as(HttpRequest.POST("/api/sites/" + SITE + "/config", "{\"siteName\": ")), String.class));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        assertEquals("config", e.getResponse().getBody(JsonNode.class).orElseThrow().get("parameter").asText());
    }
}
