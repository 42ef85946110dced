package vn.motcua.central.broker;

import vn.motcua.central.StartupRefusedException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Refuses to start the embedded broker on a port something else already holds (often a local Mosquitto). */
public final class BrokerPortCheck {
    public static final int EXIT_CODE = 2;

    private BrokerPortCheck() {
    }

    public static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // a port left in TIME_WAIT by a killed broker is free; one with a listener is not
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new StartupRefusedException("MQTT port " + port + " on 127.0.0.1 is already in use: set "
                    + "MQTT_URL=tcp://host:port to use that broker, or MQTT_PORT=<free port> to start the embedded "
                    + "one elsewhere", EXIT_CODE);
        }
    }
}
