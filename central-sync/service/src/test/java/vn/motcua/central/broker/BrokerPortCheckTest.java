package vn.motcua.central.broker;

import org.junit.jupiter.api.Test;
import vn.motcua.central.StartupRefusedException;
import vn.motcua.central.TestMqttClient;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerPortCheckTest {

    @Test
    void givenPortHeldByAnotherListener_whenEmbeddedBrokerChecksIt_thenStartupRefusedNamingPortAndVariables()
            throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            StartupRefusedException e = assertThrows(StartupRefusedException.class,
                    () -> BrokerPortCheck.requireFree(port));

            assertEquals(2, e.exitCode());
            assertTrue(e.getMessage().startsWith("MQTT port " + port + " on 127.0.0.1 is already in use"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("MQTT_URL=tcp://host:port"), e.getMessage());
            assertTrue(e.getMessage().contains("MQTT_PORT=<free port>"), e.getMessage());
        }
    }

    @Test
    void givenPortHeldOnAllInterfaces_whenChecked_thenStartupRefused() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThrows(StartupRefusedException.class, () -> BrokerPortCheck.requireFree(taken.getLocalPort()));
        }
    }

    @Test
    void givenFreePort_whenChecked_thenAccepted() {
        int port = TestMqttClient.freePort();
        assertDoesNotThrow(() -> BrokerPortCheck.requireFree(port));
    }
}
