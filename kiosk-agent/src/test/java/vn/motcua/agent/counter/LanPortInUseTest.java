package vn.motcua.agent.counter;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.TempDb;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanPortInUseTest {
    @Test
    void givenLanPortTaken_whenAgentStarts_thenTicketsAreStillIssuedAndPrinted() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Map<String, Object> props = Map.of("kiosk.db-file", TempDb.newFile("lan-taken"),
                    "agent.counter.port", taken.getLocalPort(),
                    "agent.printer.folder", Files.createTempDirectory("printed").toString());
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test")) {
                assertFalse(server.getApplicationContext().getBean(LanServer.class).listening());
                var r = new Api(server.getURL()).post("/api/tickets", "{\"service\":\"A\"}");
                assertEquals(201, r.statusCode(), r.body());
                assertTrue(Api.json(r.body()).get("printed").asBoolean());
            }
        }
    }
}
