package vn.motcua.protocol.message;

import java.time.OffsetDateTime;

/** Retained on {@code status}; the same topic carries the Last Will with {@code online=false}. */
public record KioskStatus(boolean online, String version, String bootId, OffsetDateTime since) {
}
