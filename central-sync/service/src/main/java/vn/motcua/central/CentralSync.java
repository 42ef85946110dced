package vn.motcua.central;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * central-sync: ingests kiosk events from MQTT into the store, tracks kiosk status and serves the read API.
 * A {@link StartupRefusedException} anywhere in start-up ends the process with its exit code and one log line.
 */
public final class CentralSync extends Micronaut {
    private static final Logger LOG = LoggerFactory.getLogger(CentralSync.class);

    public static void main(String[] args) {
        new CentralSync().mainClass(CentralSync.class).banner(false).args(args).start();
    }

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof StartupRefusedException refused) {
                LOG.error(refused.getMessage());
                if (environment == null || !environment.getActiveNames().contains(Environment.TEST)) {
                    System.exit(refused.exitCode());
                }
                break;
            }
        }
        super.handleStartupException(environment, exception);
    }
}
