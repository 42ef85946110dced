package vn.motcua.device;

import java.util.Objects;

/**
 * The device configuration of one kiosk, as far as the agent reads it: who the kiosk is, which broker it talks to,
 * where the agent listens and keeps its data, and the local time zone (queue numbers restart at local midnight).
 * Read it with {@link KioskConfigLoader}; every instance that loader returns has passed validation.
 */
public record KioskConfig(Identity identity, Broker broker, Agent agent, String timeZone) {
    public static final String DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";

    public KioskConfig {
        Objects.requireNonNull(identity, "identity");
        broker = broker == null ? Broker.defaults() : broker;
        agent = agent == null ? Agent.defaults() : agent;
        timeZone = timeZone == null ? DEFAULT_TIME_ZONE : timeZone;
    }

    /** The kiosk's name on the broker and in every topic: {@code kiosk/v1/{siteId}/{kioskId}/…}. */
    public record Identity(String siteId, String kioskId) {
        public Identity {
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(kioskId, "kioskId");
        }
    }

    /**
     * @param url          {@code tcp://}, {@code ssl://}, {@code ws://} or {@code wss://} with host and port
     * @param username     broker login, or null for an anonymous broker
     * @param passwordFile file holding the broker password (kept out of kiosk.yaml), or null
     */
    public record Broker(String url, String username, String passwordFile) {
        public static final String DEFAULT_URL = "tcp://127.0.0.1:1883";

        public Broker {
            url = url == null ? DEFAULT_URL : url;
        }

        public static Broker defaults() {
            return new Broker(null, null, null);
        }
    }

    /**
     * @param httpPort the agent's local API port (bound to 127.0.0.1)
     * @param dataDir  folder of the agent's SQLite file
     */
    public record Agent(int httpPort, String dataDir) {
        public static final int DEFAULT_HTTP_PORT = 8081;
        public static final String DEFAULT_DATA_DIR = "/var/lib/kiosk-agent";

        public Agent {
            dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        }

        public static Agent defaults() {
            return new Agent(DEFAULT_HTTP_PORT, null);
        }
    }
}
