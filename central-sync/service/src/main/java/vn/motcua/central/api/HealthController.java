package vn.motcua.central.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.ingest.MqttIngestClient;
import vn.motcua.central.store.EventStore;

/**
 * Readiness: 200 when the broker connection is up with its subscriptions and the database answers, 503 otherwise;
 * the body says which part is down.
 */
@Controller("/api/health")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {
    private final MqttIngestClient mqtt;
    private final EventStore store;

    public HealthController(MqttIngestClient mqtt, EventStore store) {
        this.mqtt = mqtt;
        this.store = store;
    }

    public record Health(String status, boolean broker, boolean db, String clientId) {
    }

    @Get
    public HttpResponse<Health> health() {
        boolean broker = mqtt.isReady();
        boolean db = store.ping();
        Health health = new Health(broker && db ? "UP" : "DOWN", broker, db, mqtt.clientId());
        return HttpResponse.status(broker && db ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(health);
    }
}
