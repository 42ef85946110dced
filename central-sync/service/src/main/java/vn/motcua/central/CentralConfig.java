package vn.motcua.central;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import vn.motcua.protocol.Topics;

import java.util.UUID;

/**
 * Identity of this central instance ({@code central.instance-id}, env {@code CENTRAL_INSTANCE_ID}). It names the
 * MQTT client id {@code central-<id>} and thereby the broker session; blank means a random id for this process.
 */
@ConfigurationProperties("central")
public record CentralConfig(@Bindable(defaultValue = "") String instanceId) {
    public CentralConfig {
        instanceId = instanceId == null ? "" : instanceId.trim();
        if (!instanceId.isEmpty() && !Topics.isValidId(instanceId)) {
            throw new IllegalArgumentException("central.instance-id (CENTRAL_INSTANCE_ID) '" + instanceId
                    + "' must be 1-64 of A-Z a-z 0-9 _ -");
        }
    }

    /** Whether the id was configured, so that a restart can resume the same broker session. */
    public boolean instanceIdConfigured() {
        return !instanceId.isEmpty();
    }

    public String resolveInstanceId() {
        return instanceIdConfigured() ? instanceId : UUID.randomUUID().toString().substring(0, 8);
    }
}
