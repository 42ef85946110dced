package vn.motcua.central.operations;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.ingest.IngestConfig;
import vn.motcua.central.ingest.IngestProgress;
import vn.motcua.central.ingest.MqttIngestClient;
import vn.motcua.central.report.RollupHealth;
import vn.motcua.central.store.EventStore;

import java.time.Instant;
import java.util.List;

/**
 * Readiness: 200 when the broker connection is up with its subscriptions, the database answers and ingest makes
 * progress, 503 otherwise; the body says which part is down. Ingest is stalled when messages have waited (or been left
 * with the broker to be delivered again) longer than {@code central.ingest.stall-after} with nothing stored meanwhile:
 * a database that answers a ping but refuses writes, say. Report rollups that lag ({@code reportsBehind}) are named
 * but do not make the instance unready: ingest, not reporting, is what a load balancer must route around.
 */
@Controller("/api/health")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {
    private final MqttIngestClient mqtt;
    private final EventStore store;
    private final IngestProgress progress;
    private final IngestConfig config;
    private final RollupHealth rollups;

    public HealthController(MqttIngestClient mqtt, EventStore store, IngestProgress progress, IngestConfig config,
                            RollupHealth rollups) {
        this.mqtt = mqtt;
        this.store = store;
        this.progress = progress;
        this.config = config;
        this.rollups = rollups;
    }

    /** {@code error} is there only when something is down. */
    public record Health(String status, boolean broker, boolean db, String clientId, Ingest ingest,
                         List<String> reportsBehind, @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
    }

    /** {@code stalledSeconds}: how long messages have waited with nothing stored, 0 when none wait. */
    public record Ingest(long waiting, boolean redelivering, long stalledSeconds, boolean stalled,
                         Instant lastStoredAt) {
    }

    @Get
    public HttpResponse<Health> health() {
        boolean broker = mqtt.isReady();
        boolean db = store.ping();
        IngestProgress.Snapshot p = progress.snapshot();
        boolean stalled = p.stalledFor().compareTo(config.stallAfter()) > 0;
        Ingest ingest = new Ingest(p.waiting(), p.redelivering(), p.stalledFor().toSeconds(), stalled,
                p.lastStoredAt());
        StringBuilder error = new StringBuilder();
        if (!broker) {
            error.append("broker not connected");
        }
        if (!db) {
            error.append(error.isEmpty() ? "" : "; ").append("database not answering");
        }
        if (stalled) {
            error.append(error.isEmpty() ? "" : "; ").append("ingest stalled: ")
                    .append(p.redelivering() ? "messages left with the broker for redelivery" : p.waiting()
                            + " messages waiting")
                    .append(", nothing stored for ").append(p.stalledFor().toSeconds()).append(" s");
        }
        boolean up = error.isEmpty();
        List<String> behind = db ? rollups.behind() : List.of();
        Health health = new Health(up ? "UP" : "DOWN", broker, db, mqtt.clientId(), ingest, behind,
                up ? null : error.toString());
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(health);
    }
}
