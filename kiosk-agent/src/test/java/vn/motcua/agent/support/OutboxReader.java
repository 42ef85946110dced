package vn.motcua.agent.support;

import vn.motcua.agent.db.Database;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.event.KioskEvent;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Reads stored outbox events back through the contract's codec, the way central will decode them. */
public final class OutboxReader {
    private OutboxReader() {
    }

    public static long lastSeq(Database db) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value - 1 FROM sync_state WHERE name = 'next_seq'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public static List<KioskEvent> after(Database db, long seq, String kioskId) {
        List<String> payloads = db.transaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM outbox WHERE seq > ? ORDER BY seq")) {
                ps.setLong(1, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
        if (payloads.isEmpty()) {
            return List.of();
        }
        String batch = "{\"schema\":1,\"kioskId\":\"" + kioskId + "\",\"events\":[" + String.join(",", payloads) + "]}";
        return new ProtocolCodec().decodeEventBatch(batch.getBytes(StandardCharsets.UTF_8), kioskId).events();
    }
}
