package vn.motcua.agent.status;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of kiosk-agent as built: the jar manifest's {@code Implementation-Version} when there is one, else the
 * {@code agent-version.properties} the build writes from the Maven project version (the case when running from
 * classes, in tests and in the shaded jar, whose manifest carries no version).
 */
public final class AgentVersion {
    static final String RESOURCE = "/vn/motcua/agent/agent-version.properties";
    /** Reported only when neither the manifest nor the build's resource is there, e.g. classes built by an IDE. */
    public static final String UNKNOWN = "unknown";

    private AgentVersion() {
    }

    public static String current() {
        String fromManifest = AgentVersion.class.getPackage().getImplementationVersion();
        if (usable(fromManifest)) {
            return fromManifest.strip();
        }
        return fromResource(AgentVersion.class.getResourceAsStream(RESOURCE));
    }

    static String fromResource(InputStream in) {
        if (in == null) {
            return UNKNOWN;
        }
        try (in) {
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            return usable(v) ? v.strip() : UNKNOWN;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** An unfiltered placeholder ({@code ${project.version}}) is no version. */
    private static boolean usable(String v) {
        return v != null && !v.isBlank() && !v.contains("${");
    }
}
