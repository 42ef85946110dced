package vn.motcua.protocol.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One outbox event. {@code seq} is per kiosk, from 1, without gaps. {@code clockSynced}, {@code bootId} and
 * {@code uptimeMs} let central correct wall times taken before the first time sync of a boot.
 */
public record KioskEvent(long seq, UUID id, EventType type, OffsetDateTime at, boolean clockSynced,
                         String bootId, long uptimeMs, EventBody data) {
    public KioskEvent {
        if (type.bodyType() != data.getClass()) {
            throw new IllegalArgumentException(type.wireName() + " cannot carry " + data.getClass().getSimpleName());
        }
    }
}
