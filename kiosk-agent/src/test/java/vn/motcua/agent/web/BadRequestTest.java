package vn.motcua.agent.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.OutboxReader;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.event.RatingSubmitted;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every malformed ticket or rating request gets a 400 naming the field; the requests around it still succeed. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestTest implements TestPropertyProvider {
    private static final String GOOD_RATING = "{\"level\":\"satisfied\",\"scale\":5}";

    @Inject
    EmbeddedServer server;
    @Inject
    Database db;
    @Inject
    LanServer lan;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("bad-requests"), "kiosk.kiosk-id", "kiosk-01");
    }

    @ParameterizedTest(name = "{0} -> field {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "missing service          | {}                                    | service  | is required",
            "blank service            | {\"service\":\"  \"}                  | service  | is required",
            "two letters              | {\"service\":\"AB\"}                  | service  | one uppercase letter A-Z",
            "lower case               | {\"service\":\"a\"}                   | service  | one uppercase letter A-Z",
            "digit                    | {\"service\":\"1\"}                   | service  | one uppercase letter A-Z",
            "service as number        | {\"service\":5}                       | service  | must be a string, not a number",
            "service as object        | {\"service\":{\"x\":1}}               | service  | must be a string, not an object",
            "unknown priority         | {\"service\":\"A\",\"priority\":\"vip\"} | priority | must be null or one of elderly",
            "priority as boolean      | {\"service\":\"A\",\"priority\":true} | priority | must be a string, not a boolean",
            "malformed JSON           | {\"service\":                         | body     | not valid JSON",
            "JSON array               | [\"A\"]                               | body     | must be a JSON object",
            "JSON string              | ~\"A\"~                               | body     | must be a JSON object",
    })
    void givenBadTicketRequest_whenPosted_thenBadRequestNamesTheField(String why, String body, String field,
                                                                        String message) {
        assertEquals(201, new Api(server.getURL()).post("/api/tickets", "{\"service\":\"A\"}").statusCode());
        assertBadRequest("/api/tickets", body, field, message);
        assertEquals(201, new Api(server.getURL()).post("/api/tickets", "{\"service\":\"C\"}").statusCode());
    }

    @ParameterizedTest(name = "{0} -> field {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "missing level            | {\"scale\":5}                                   | level   | is required",
            "unknown level            | {\"level\":\"great\",\"scale\":5}               | level   | must be one of very_satisfied",
            "level not on 3 scale     | {\"level\":\"neutral\",\"scale\":3}             | level   | not on the 3-level scale",
            "scale 4                  | {\"level\":\"satisfied\",\"scale\":4}           | scale   | must be 5 or 3",
            "scale as text            | {\"level\":\"satisfied\",\"scale\":\"5\"}       | scale   | must be an integer",
            "scale fraction           | {\"level\":\"satisfied\",\"scale\":5.5}         | scale   | must be an integer",
            "missing scale            | {\"level\":\"satisfied\"}                       | scale   | is required",
            "reasons not a list       | {\"level\":\"dissatisfied\",\"scale\":5,\"reasons\":\"slow\"} | reasons | must be an array of strings",
            "reason not text          | {\"level\":\"dissatisfied\",\"scale\":5,\"reasons\":[1]}      | reasons | items must be strings",
            "ticketId as number       | {\"level\":\"satisfied\",\"scale\":5,\"ticketId\":12}       | ticketId | must be a string",
            "malformed JSON           | {\"level\"                                      | body    | not valid JSON",
    })
    void givenBadRatingRequest_whenPosted_thenBadRequestNamesTheField(String why, String body, String field,
                                                                        String message) {
        assertEquals(201, new Api(server.getURL()).post("/api/ratings", GOOD_RATING).statusCode());
        assertBadRequest("/api/ratings", body, field, message);
        assertEquals(201, new Api(server.getURL()).post("/api/ratings", GOOD_RATING).statusCode());
    }

    @org.junit.jupiter.api.Test
    void givenTooLongCommentOrTooManyReasons_whenRated_thenBadRequestNamesTheField() {
        String comment = "đ".repeat(501);
        assertBadRequest("/api/ratings", "{\"level\":\"dissatisfied\",\"scale\":5,\"comment\":\"" + comment + "\"}",
                "comment", "at most 500 characters");
        String reasons = "[" + "\"r\",".repeat(10) + "\"r\"]";
        assertBadRequest("/api/ratings", "{\"level\":\"dissatisfied\",\"scale\":5,\"reasons\":" + reasons + "}",
                "reasons", "at most 10 items");
        assertEquals(201, new Api(server.getURL()).post("/api/ratings",
                "{\"level\":\"dissatisfied\",\"scale\":5,\"comment\":\"" + "đ".repeat(500) + "\"}").statusCode());
    }

    @org.junit.jupiter.api.Test
    void givenBlankIdempotencyKey_whenTicketRequested_thenBadRequestNamesTheHeader() {
        HttpResponse<String> r = new Api(server.getURL()).post("/api/tickets", "{\"service\":\"A\"}", " ");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("Idempotency-Key", Api.json(r.body()).get("field").asText());
    }

    @org.junit.jupiter.api.Test
    void givenWrongContentTypeOrPath_whenRequested_thenErrorHasTheApiShape() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var wrongType = http.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/api/tickets"))
                .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString("A"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(415, wrongType.statusCode());
        assertEquals("unsupported_media_type", Api.json(wrongType.body()).get("error").asText(), wrongType.body());
        var unknown = http.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/api/nope")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found", Api.json(unknown.body()).get("error").asText(), unknown.body());
    }

    @org.junit.jupiter.api.Test
    void givenFiftyThousandDeepBody_whenPostedToEveryJsonInput_thenBadRequestNotServerError() {
        String arrays = "[".repeat(50_000);
        String objects = "{\"service\":" + "{\"a\":".repeat(20_000);
        for (String path : java.util.List.of("/api/tickets", "/api/ratings", "/api/print/guide")) {
            for (String deep : java.util.List.of(arrays, objects)) {
                assertBadRequest(path, deep, "body", "nests deeper than");
            }
        }
        assertEquals(201, new Api(server.getURL()).post("/api/tickets", "{\"service\":\"A\"}").statusCode());
    }

    /** JSON escapes of what a comment (one line of text) must not hold: C0 incl. NUL, DEL, C1, unpaired surrogates. */
    private static final java.util.List<String> FORBIDDEN = java.util.List.of("\\u0000", "\\u0007", "\\t", "\\n",
            "\\r", "\\u001b", "\\u001f", "\\u007f", "\\u0080", "\\u0085", "\\u009f", "\\ud800", "\\udfff",
            "\\udc4d\\ud83d");

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"comment", "ticketId", "counter", "officerId",
            "procedureCode", "reasons"})
    void givenControlCharacterOrUnpairedSurrogate_whenRated_thenBadRequestNamesTheFieldAndNothingIsStored(String field) {
        long seq = OutboxReader.lastSeq(db);
        for (String bad : FORBIDDEN) {
            String value = "\"Chờ lâu" + bad + "quá\"";
            String body = "{\"level\":\"dissatisfied\",\"scale\":5,\"" + field + "\":"
                    + (field.equals("reasons") ? "[\"long_wait\"," + value + "]" : value) + "}";
            assertBadRequest("/api/ratings", body, field, "without control characters");
        }
        assertEquals(seq, OutboxReader.lastSeq(db), "nothing committed");
    }

    @org.junit.jupiter.api.Test
    void givenControlCharacterInTicketRequest_whenPosted_thenBadRequestNamesTheField() {
        assertBadRequest("/api/tickets", "{\"service\":\"A\\u0000\"}", "service", "without control characters");
        assertBadRequest("/api/tickets", "{\"service\":\"A\",\"priority\":\"elderly\\u0000\"}", "priority",
                "without control characters");
        assertBadRequest("/api/print/guide", "{\"title\":\"H\u01b0\u1edbng d\u1eabn\\u0085\"}", "title",
                "without control characters");
    }

    @org.junit.jupiter.api.Test
    void givenControlCharacterInCounterSignIn_whenPosted_thenBadRequestNamesTheField() {
        Http.Reply r = new Http(lan.baseUrl()).post("/quay/api/sign-in",
                "{\"officerId\":\"cb-an\\u0000\",\"pin\":\"2468\",\"counter\":\"1\"}");
        assertEquals(400, r.status(), r.body());
        assertEquals("officerId", r.json().get("field").asText(), r.body());
        Http.Reply counter = new Http(lan.baseUrl()).post("/quay/api/sign-in",
                "{\"officerId\":\"cb-an\",\"pin\":\"2468\",\"counter\":\"1\\ud800\"}");
        assertEquals(400, counter.status(), counter.body());
        assertEquals("counter", counter.json().get("field").asText(), counter.body());
    }

    @org.junit.jupiter.api.Test
    void givenVietnameseCommentWithEmojiAndCombiningMarks_whenRated_thenStoredAndDecodedByTheProtocolUnchanged() {
        long seq = OutboxReader.lastSeq(db);
        String comment = "Cán bộ nhiệt tình, hướng dẫn rõ ràng 👍 — Tie\u0302\u0301ng Vie\u0323\u0302t, phí 50.000 ₫";
        HttpResponse<String> r = new Api(server.getURL()).post("/api/ratings",
                "{\"level\":\"very_satisfied\",\"scale\":5,\"comment\":\"" + comment + "\"}");
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(comment, Api.json(r.body()).get("comment").asText());
        var events = OutboxReader.after(db, seq, "kiosk-01");
        assertEquals(1, events.size());
        assertEquals(comment, ((RatingSubmitted) events.get(0).data()).comment());
    }

    private void assertBadRequest(String path, String body, String field, String message) {
        HttpResponse<String> r = new Api(server.getURL()).post(path, body);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode error = Api.json(r.body());
        assertEquals("invalid_request", error.get("error").asText(), r.body());
        assertEquals(field, error.get("field").asText(), r.body());
        assertTrue(error.get("message").asText().contains(message), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
    }
}
