package vn.motcua.agent.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.MutableClock;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.TextRules;
import vn.motcua.protocol.TimeWindow;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingSubmitted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property: whatever the agent accepts and commits, the contract decodes without error — for random texts (controls,
 * surrogates, Vietnamese, emoji, every length around the limits), random clock steps (back, forward by days, out of
 * the contract's years) and services finished days after their call. Seeded and reproducible: a failure names its
 * seed and operation; {@code -Dvalidation.seeds=N} runs more seeds than the CI's three.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcceptedInputDecodesPropertyTest implements TestPropertyProvider {
    private static final String KIOSK = "kiosk-14";
    private static final int OPERATIONS_PER_SEED = 250;
    private static final Set<Integer> ALLOWED_STATUSES = Set.of(200, 201, 400, 404, 409, 503);

    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;
    @Inject
    MutableClock clock;
    @Inject
    Database db;

    private final ProtocolCodec codec = new ProtocolCodec();
    private final Map<String, Integer> outcomes = new TreeMap<>();

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("kiosk.db-file", TempDb.newFile("property"), "kiosk.kiosk-id", KIOSK,
                    "agent.printer.kind", "none",
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void givenRandomInputsClockStepsAndLongServices_whenTheAgentCommits_thenTheProtocolDecodesEveryEvent() {
        int seeds = Integer.getInteger("validation.seeds", 3);
        int committed = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            run(seed);
            List<String> rows = outboxRows();
            for (String row : rows) {
                decode(row, seed);
            }
            committed = rows.size();
        }
        System.out.printf("property: %d seeds x %d operations, %d events committed and decoded, outcomes %s%n",
                seeds, OPERATIONS_PER_SEED, committed, outcomes);
        assertTrue(outcomes.getOrDefault("rating 201", 0) > 0 && outcomes.getOrDefault("rating 400", 0) > 0
                && outcomes.getOrDefault("finish 200", 0) > 0 && outcomes.getOrDefault("ticket 503", 0) > 0,
                "the generators reach accepted, refused and clock cases: " + outcomes);
    }

    private void run(long seed) {
        Random random = new Random(seed);
        clock.set(Instant.parse("2026-12-01T02:00:00Z").plus(Duration.ofDays(seed * 400)));
        Http lanHttp = new Http(lan.baseUrl());
        String[] tokens = {signIn(lanHttp, "cb-an", "2468", "1"), signIn(lanHttp, "cb-cuong", "9753", "3")};
        for (int op = 0; op < OPERATIONS_PER_SEED; op++) {
            String where = "seed " + seed + ", operation " + op;
            int kind = random.nextInt(10);
            if (kind < 4) {
                rate(random, where);
            } else if (kind < 6) {
                ticket(random, where);
            } else if (kind < 8) {
                counter(random, lanHttp, tokens[random.nextInt(2)], where);
            } else {
                stepClock(random);
            }
        }
    }

    private void stepClock(Random random) {
        int how = random.nextInt(10);
        if (how < 4) {
            clock.advance(Duration.ofSeconds(random.nextInt(3 * 86_400)));
        } else if (how < 6) {
            clock.advance(Duration.ofSeconds(-random.nextInt(2 * 86_400)));
        } else if (how < 8) {
            clock.advance(Duration.ofSeconds(random.nextInt(300)));
        } else if (how == 8) {
            // anywhere from 1950 to 2250: often outside the contract's years
            clock.set(Instant.ofEpochSecond(-631_152_000L + (long) (random.nextDouble() * 9_467_280_000L)));
        } else {
            clock.set(Instant.parse("2026-12-01T02:00:00Z").plus(Duration.ofDays(random.nextInt(3000))));
        }
    }

    private void rate(Random random, String where) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("comment", random.nextInt(4) == 0 ? null : text(random, 520));
        texts.put("counter", random.nextBoolean() ? null : text(random, 70));
        texts.put("officerId", random.nextBoolean() ? null : text(random, 70));
        texts.put("procedureCode", random.nextBoolean() ? null : text(random, 70));
        List<String> reasons = new ArrayList<>();
        for (int i = random.nextInt(4) == 0 ? 12 : random.nextInt(4); i > 0; i--) {
            reasons.add(text(random, 70));
        }
        StringBuilder body = new StringBuilder("{\"level\":\"dissatisfied\",\"scale\":5");
        texts.forEach((k, v) -> body.append(",\"").append(k).append("\":").append(json(v)));
        body.append(",\"reasons\":[");
        for (int i = 0; i < reasons.size(); i++) {
            body.append(i == 0 ? "" : ",").append(json(reasons.get(i)));
        }
        body.append("]}");

        HttpResponse<String> r = new Api(server.getURL()).post("/api/ratings", body.toString());
        JsonNode answer = check("rating", r.statusCode(), r.body(), where);
        boolean forbidden = texts.values().stream().anyMatch(AcceptedInputDecodesPropertyTest::forbidden)
                || reasons.stream().anyMatch(s -> s.isBlank() || forbidden(s));
        if (forbidden) {
            assertFalse(r.statusCode() == 201, where + ": a forbidden character was accepted: " + body);
        }
        if (r.statusCode() == 201) {
            String comment = texts.get("comment");
            assertEquals(comment == null || comment.isBlank() ? null : comment,
                    answer.get("comment").isNull() ? null : answer.get("comment").asText(), where);
        }
    }

    private void ticket(Random random, String where) {
        char service = (char) ('A' + (random.nextInt(3) == 0 ? random.nextInt(26) : random.nextInt(3)));
        HttpResponse<String> r = new Api(server.getURL()).post("/api/tickets", "{\"service\":\"" + service + "\"}");
        check("ticket", r.statusCode(), r.body(), where);
        if (service > 'C') {
            assertEquals(409, r.statusCode(), where + ": no counter serves " + service);
        }
    }

    private void counter(Random random, Http lanHttp, String token, String where) {
        String action = List.of("call-next", "finish", "finish", "no-show", "recall").get(random.nextInt(5));
        Http.Reply r = lanHttp.post("/quay/api/" + action, "", token);
        check(action, r.status(), r.body(), where);
    }

    /** The answer is one the API promises: a success, or an error naming what is wrong; never an internal error. */
    private JsonNode check(String what, int status, String body, String where) {
        outcomes.merge(what + " " + status, 1, Integer::sum);
        assertTrue(ALLOWED_STATUSES.contains(status), where + ": " + what + " answered " + status + " " + body);
        JsonNode json = Api.json(body);
        if (status >= 400) {
            assertNotNull(json.get("error"), where + ": " + body);
        }
        if (status == 400) {
            assertNotNull(json.get("field"), where + ": a 400 names its field: " + body);
        }
        if (status == 503) {
            assertEquals("clock_out_of_range", json.get("error").asText(), where + ": " + body);
            assertFalse(TimeWindow.contains(clock.instant()), where + ": 503 while the clock is inside the window");
        }
        return json;
    }

    private static boolean forbidden(String s) {
        return s != null && !s.isBlank() && TextRules.firstForbidden(s) >= 0;
    }

    /**
     * A random text of Vietnamese letters, emoji and combining marks, any length up to a little over the field's limit;
     * one in ten holds a control character (C0, DEL or C1) or an unpaired surrogate somewhere.
     */
    private static String text(Random random, int maxLength) {
        int length = random.nextInt(8) == 0 ? random.nextInt(maxLength + 1) : random.nextInt(24);
        String vietnamese = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
                + "ĐÂĂÊÔƠƯ 0123456789.,-_/'\"\\";
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            int pick = random.nextInt(100);
            if (pick < 94) {
                s.append(vietnamese.charAt(random.nextInt(vietnamese.length())));
            } else if (pick < 97) {
                s.appendCodePoint(0x1F600 + random.nextInt(0x50));
            } else {
                s.append((char) (0x0300 + random.nextInt(0x70)));
            }
        }
        if (random.nextInt(10) == 0) {
            char bad = switch (random.nextInt(5)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) 0x7f;
                case 2 -> (char) (0x80 + random.nextInt(0x20));
                case 3 -> (char) (0xD800 + random.nextInt(0x400));
                default -> (char) (0xDC00 + random.nextInt(0x400));
            };
            int at = random.nextInt(s.length() + 1);
            // not inside an emoji, which would make a different unpaired surrogate than the one meant
            while (at > 0 && at < s.length() && Character.isLowSurrogate(s.charAt(at))) {
                at--;
            }
            s.insert(at, bad);
        }
        return s.toString();
    }

    /** A JSON string literal that carries every char as it is, unpaired surrogates included (as escapes). */
    private static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || Character.isSurrogate(ch)) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }

    private static String signIn(Http lanHttp, String officer, String pin, String counter) {
        Http.Reply r = lanHttp.post("/quay/api/sign-in", "{\"officerId\":\"" + officer + "\",\"pin\":\"" + pin
                + "\",\"counter\":\"" + counter + "\"}");
        assertEquals(200, r.status(), r.body());
        return r.json().get("token").asText();
    }

    private List<String> outboxRows() {
        return db.transaction(c -> {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM outbox ORDER BY seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return Collections.unmodifiableList(rows);
        });
    }

    /** One stored event as central receives it: in a batch, as UTF-8 bytes, through the strict decoder. */
    private KioskEvent decode(String row, long seed) {
        String batch = "{\"schema\":1,\"kioskId\":\"" + KIOSK + "\",\"events\":[" + row + "]}";
        try {
            KioskEvent event = codec.decodeEventBatch(batch.getBytes(StandardCharsets.UTF_8), KIOSK).events().get(0);
            if (event.data() instanceof RatingSubmitted rating && rating.comment() != null) {
                assertTrue(TextRules.firstForbidden(rating.comment()) < 0);
            }
            return event;
        } catch (ProtocolException e) {
            return fail("seed " + seed + ": the agent committed an event the protocol refuses: " + e.getMessage()
                    + "\n" + row);
        }
    }
}
