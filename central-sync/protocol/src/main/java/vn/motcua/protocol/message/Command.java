package vn.motcua.protocol.message;

import java.time.OffsetDateTime;
import java.util.Map;

/** A remote command, signed by central; the agent rejects a bad signature, an expired or a replayed id. */
public record Command(String id, String type, Map<String, String> args, OffsetDateTime issuedAt,
                      OffsetDateTime expiresAt, String sig) {
    public Command {
        args = args == null ? Map.of() : Map.copyOf(args);
    }
}
