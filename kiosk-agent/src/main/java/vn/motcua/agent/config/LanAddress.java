package vn.motcua.agent.config;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * How phones and the hall TV on the desk's LAN reach this kiosk: {@code agent.counter.public-url}, or else the
 * listening address (the first site-local IPv4 address when listening on every interface; 127.0.0.1 while the LAN
 * pages are off) and port. Ticket QR codes
 * start with it; it is configuration, known before any server starts.
 */
@Singleton
public class LanAddress {
    private static final Logger LOG = LoggerFactory.getLogger(LanAddress.class);

    private final CounterSettings settings;
    private final String host;
    private volatile int port;

    public LanAddress(CounterSettings settings) {
        this.settings = settings;
        this.host = settings.listensOnEveryInterface() ? firstSiteLocalAddress() : settings.host();
        this.port = settings.port();
    }

    /**
     * The port the LAN server actually listens on; it differs from {@code agent.counter.port} only when that is 0
     * (any free port, for tests).
     */
    public void listeningOn(int port) {
        this.port = port;
    }

    public String baseUrl() {
        if (settings.publicUrl() != null) {
            return settings.publicUrl();
        }
        return "http://" + (settings.enabled() ? host : "127.0.0.1") + ":" + port;
    }

    private static String firstSiteLocalAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("cannot list network interfaces: {}; set agent.counter.public-url", e.getMessage());
        }
        return "127.0.0.1";
    }
}
