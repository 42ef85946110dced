package vn.motcua.central.operations;

import com.fasterxml.jackson.annotation.JsonRawValue;
import vn.motcua.central.store.StoredEvent;

import java.time.Instant;

/** An event as the API shows it; {@code data} is the stored JSON object, written as is. */
public record EventView(String kioskId, String siteId, long seq, String id, String type, String at,
                        boolean clockSynced, String bootId, long uptimeMs, @JsonRawValue String data,
                        Instant receivedAt) {

    static EventView of(StoredEvent e) {
        return new EventView(e.kioskId(), e.siteId(), e.seq(), e.id(), e.type(), e.at(), e.clockSynced(),
                e.bootId(), e.uptimeMs(), e.dataJson(), e.receivedAt());
    }
}
