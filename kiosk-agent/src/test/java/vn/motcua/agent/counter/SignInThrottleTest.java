package vn.motcua.agent.counter;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.LanClient;
import vn.motcua.agent.support.MutableClock;
import vn.motcua.agent.support.TempDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Officer PINs over the LAN: guessing is throttled per address and capped per officer, a stranger can never lock an
 * officer out of their own counter PC, and only JSON sign-ins are read. Each 127.x.y.z address plays one machine.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInThrottleTest implements TestPropertyProvider {
    private static final String AN = "{\"officerId\":\"cb-an\",\"pin\":\"%s\",\"counter\":\"1\"}";
    private static final String CUONG = "{\"officerId\":\"cb-cuong\",\"pin\":\"%s\",\"counter\":\"3\"}";

    @Inject
    LanServer lan;
    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("kiosk.db-file", TempDb.newFile("sign-in-throttle"),
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "agent.counter.sign-in.free-failures", "3",
                    "agent.counter.sign-in.backoff-start", "2s",
                    "agent.counter.sign-in.backoff-max", "1h",
                    "agent.counter.sign-in.officer-failures", "8",
                    "agent.counter.sign-in.officer-window", "24h",
                    "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each test starts two days on, when every earlier wrong PIN has been forgotten. */
    @BeforeEach
    void forgetEarlierTests() {
        clock.advance(Duration.ofDays(2));
    }

    private LanClient.Reply signIn(String from, String body) {
        return new LanClient(lan.baseUrl()).postJson(from, "/quay/api/sign-in", body);
    }

    @Test
    void givenWrongPinsFromOneAddress_whenRepeated_thenThatAddressWaitsLongerEachTimeAndTheOfficersPcIsNotLockedOut() {
        for (int i = 0; i < 3; i++) {
            LanClient.Reply r = signIn("127.0.1.1", AN.formatted("0000"));
            assertEquals(401, r.status(), r.body());
            assertEquals("wrong_pin", r.json().get("error").asText());
        }
        LanClient.Reply waiting = signIn("127.0.1.1", AN.formatted("2468"));
        assertEquals(429, waiting.status(), "even the right PIN waits, or waiting would not slow a guesser");
        assertEquals("too_many_attempts", waiting.json().get("error").asText());
        assertEquals("2", waiting.header("Retry-After"));

        assertEquals(200, signIn("127.0.1.2", AN.formatted("2468")).status(),
                "the officer at their own PC is not locked out by someone else's guesses");

        long[] waits = {2, 4, 8, 16};
        for (long wait : waits) {
            clock.advance(Duration.ofSeconds(wait));
            assertEquals(401, signIn("127.0.1.1", AN.formatted("1111")).status());
            LanClient.Reply next = signIn("127.0.1.1", AN.formatted("2222"));
            assertEquals(429, next.status());
            assertEquals(Long.toString(wait * 2), next.header("Retry-After"), "the wait doubles");
        }
    }

    @Test
    void givenTwentyFiveWrongPinsAtOnce_whenRacing_thenOnlyTheFreeTriesAreChecked() {
        List<CompletableFuture<LanClient.Reply>> racing = IntStream.range(0, 25)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> signIn("127.0.2.1", CUONG.formatted("10" + (10 + i)))))
                .toList();
        List<Integer> statuses = racing.stream().map(f -> f.join().status()).toList();
        assertEquals(3, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
        assertEquals(22, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
    }

    @Test
    void givenGuessesFromManyAddresses_whenTheOfficersDailyBudgetIsSpent_thenStrangersAreRefusedButTheOfficersPcSignsIn() {
        assertEquals(200, signIn("127.0.3.100", CUONG.formatted("9753")).status(), "the officer's own PC, used before");
        for (int a = 1; a <= 8; a++) {
            assertEquals(401, signIn("127.0.3." + a, CUONG.formatted("0000")).status());
        }
        LanClient.Reply stranger = signIn("127.0.3.9", CUONG.formatted("9753"));
        assertEquals(429, stranger.status(), "a fresh address is refused even with the right PIN");
        assertEquals("sign_in_restricted", stranger.json().get("error").asText());
        assertEquals("officerId", stranger.json().get("field").asText());
        assertTrue(Long.parseLong(stranger.header("Retry-After")) > 0);

        assertEquals(200, signIn("127.0.3.100", CUONG.formatted("9753")).status(), "the officer is never locked out");
        assertEquals(200, signIn("127.0.3.10", AN.formatted("2468")).status(), "other officers are untouched");

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertEquals(200, signIn("127.0.3.9", CUONG.formatted("9753")).status(), "the guesses age out");
    }

    @Test
    void givenOfficersOwnTypos_whenTheRightPinFollows_thenTheirAddressIsForgiven() {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, signIn("127.0.4.1", AN.formatted("2467")).status());
        }
        clock.advance(Duration.ofSeconds(2));
        assertEquals(200, signIn("127.0.4.1", AN.formatted("2468")).status());
        assertEquals(401, signIn("127.0.4.1", AN.formatted("2467")).status(), "a new typo is checked at once");
    }

    @Test
    void givenSignInThatIsNotJson_whenPosted_then415AndThePinIsNotChecked() {
        LanClient client = new LanClient(lan.baseUrl());
        for (String type : new String[]{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null}) {
            for (int i = 0; i < 4; i++) {
                LanClient.Reply r = client.send("127.0.5.1", "POST", "/quay/api/sign-in", type, AN.formatted("0000"));
                assertEquals(415, r.status(), type + ": " + r.body());
                assertEquals("unsupported_media_type", r.json().get("error").asText());
                assertEquals("Content-Type", r.json().get("field").asText());
            }
        }
        LanClient.Reply json = client.send("127.0.5.1", "POST", "/quay/api/sign-in", "application/json; charset=UTF-8",
                AN.formatted("2468"));
        assertEquals(200, json.status(), "none of the refused posts counted as a wrong PIN: " + json.body());
    }
}
