package vn.motcua.agent.bench;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.TempDb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * "Call next" round trip on the LAN port, as the console's browser sees it ({@code mvn -Pbench verify
 * -Dtest=CallNextBench}): each call commits the ticket and its outbox event with synchronous=FULL. Figures go to
 * target/bench/call-next.txt.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallNextBench implements TestPropertyProvider {
    private static final int CALLS = 300;

    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("bench-calls"), "agent.printer.kind", "none",
                "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
    }

    @Test
    void measure() throws Exception {
        Api api = new Api(server.getURL());
        for (int i = 0; i < CALLS + 20; i++) {
            api.post("/api/tickets", "{\"service\":\"A\",\"priority\":" + (i % 4 == 0 ? "\"elderly\"" : "null") + "}");
        }
        Http lanHttp = new Http(lan.baseUrl());
        String token = lanHttp.post("/quay/api/sign-in", "{\"officerId\":\"cb-an\",\"pin\":\"2468\",\"counter\":\"1\"}")
                .json().get("token").asText();
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < CALLS + 20; i++) {
            long start = System.nanoTime();
            Http.Reply r = lanHttp.post("/quay/api/call-next", "", token);
            long took = (System.nanoTime() - start) / 1000;
            assertEquals(200, r.status(), r.body());
            lanHttp.post("/quay/api/finish", "", token);
            if (i >= 20) {
                micros.add(took);
            }
        }
        Collections.sort(micros);
        String report = String.format("call-next over HTTP on the LAN port (loopback), %d calls: p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n", micros.size(), micros.get(micros.size() / 2) / 1000.0,
                micros.get(micros.size() * 99 / 100) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "call-next.txt"), report);
        System.out.print(report);
    }
}
