package vn.motcua.central;

import vn.motcua.protocol.broker.BrokerLogin;
import vn.motcua.protocol.broker.MosquittoPassword;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * Broker logins for tests: a Mosquitto password file of kiosks (as firmware-config provision writes it) that the
 * embedded broker or a test's Mosquitto reads, central's login, and the properties that point central at them.
 */
public final class TestLogins {
    public static final String CENTRAL_USER = "central";
    public static final String CENTRAL_PASSWORD = "central-test-password";

    private TestLogins() {
    }

    /** A test kiosk's password: known to the test, different for every kiosk. */
    public static String password(String siteId, String kioskId) {
        return "pw-" + siteId + "-" + kioskId;
    }

    /**
     * Writes {@code dir/kiosks.passwd} with a login for each {@code SITE.KIOSK} given, plus central's when asked (a
     * Mosquitto reads central's login from the same file; the embedded broker takes it from central's settings).
     */
    public static Path passwordFile(Path dir, boolean withCentral, String... siteDotKiosk) {
        StringBuilder lines = new StringBuilder();
        SecureRandom random = new SecureRandom();
        for (String login : siteDotKiosk) {
            BrokerLogin kiosk = BrokerLogin.parse(login).orElseThrow(() -> new IllegalArgumentException(login));
            lines.append(login).append(':').append(MosquittoPassword.hash(
                    password(kiosk.siteId(), kiosk.kioskId()).toCharArray(), random)).append('\n');
        }
        if (withCentral) {
            lines.append(CENTRAL_USER).append(':')
                    .append(MosquittoPassword.hash(CENTRAL_PASSWORD.toCharArray(), random)).append('\n');
        }
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("kiosks.passwd");
            Files.writeString(file, lines);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Properties for a central with the embedded broker: these kiosks may log in, central as {@link #CENTRAL_USER}. */
    public static Map<String, String> embeddedBroker(Path dir, int port, String... siteDotKiosk) {
        Map<String, String> p = new HashMap<>();
        p.put("central.mqtt.url", "");
        p.put("central.mqtt.port", String.valueOf(port));
        p.put("central.mqtt.kiosk-password-file", passwordFile(dir, false, siteDotKiosk).toString());
        p.put("central.mqtt.username", CENTRAL_USER);
        p.put("central.mqtt.password", CENTRAL_PASSWORD);
        return p;
    }
}
