package vn.motcua.agent.lan;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the LAN server shares its threads. Keys under {@code agent.counter.server}; every one has a default.
 * Hall display streams hold no worker thread (see {@code HallDisplay}), so these threads only ever answer short
 * requests: pages, console actions, ticket status pages.
 *
 * @param workerThreads  threads answering requests at once
 * @param requestQueue   requests waiting for a free thread; beyond it the connection is closed at once (the
 *                       server's dispatcher never answers a request itself)
 * @param requestTimeout a request (headers and body) must arrive whole within this, so a client that sends slowly
 *                       cannot keep a thread; whole seconds, JVM-wide (the JDK server reads it once)
 */
@ConfigurationProperties("agent.counter.server")
public record LanSettings(
        @Bindable(defaultValue = "16") int workerThreads,
        @Bindable(defaultValue = "200") int requestQueue,
        @Bindable(defaultValue = "10s") Duration requestTimeout) {

    public LanSettings {
        List<String> errors = new ArrayList<>();
        if (workerThreads < 1 || workerThreads > 256) {
            errors.add("agent.counter.server.worker-threads " + workerThreads + " must be 1-256");
        }
        if (requestQueue < 0 || requestQueue > 10_000) {
            errors.add("agent.counter.server.request-queue " + requestQueue + " must be 0-10000");
        }
        if (requestTimeout == null || requestTimeout.toSeconds() < 1 || requestTimeout.toSeconds() > 3600) {
            errors.add("agent.counter.server.request-timeout must be 1s-1h, e.g. 10s");
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(String.join("; ", errors));
        }
    }
}
