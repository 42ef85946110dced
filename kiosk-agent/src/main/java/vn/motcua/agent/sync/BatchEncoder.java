package vn.motcua.agent.sync;

import vn.motcua.agent.outbox.Outbox;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.event.EventBatch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the {@code events} payload from stored event JSON without decoding it: the codec's own encoding of an empty
 * {@link EventBatch} with the batch's id gives the envelope, and the stored events are spliced into its array. The
 * result is byte for byte what {@code codec.encode(EventBatch.of(kioskId, events, batchId))} would produce.
 */
final class BatchEncoder {
    private final ProtocolCodec codec;
    private final String kioskId;
    private final int maxBytes;

    BatchEncoder(ProtocolCodec codec, String kioskId, int maxBytes) {
        this.codec = codec;
        this.kioskId = kioskId;
        this.maxBytes = maxBytes;
    }

    /**
     * Packs rows from the start of {@code rows} until the next would break the byte limit; at least one row, so an
     * oversized event still travels (alone). {@code batchId} names this one publication (new for every publish).
     */
    Batch encode(List<Outbox.Row> rows, String batchId) {
        String empty = new String(codec.encode(EventBatch.of(kioskId, List.of(), batchId)), StandardCharsets.UTF_8);
        String marker = "\"events\":[]";
        int array = empty.indexOf(marker);
        if (array < 0) {
            throw new IllegalStateException("unexpected batch envelope " + empty);
        }
        int split = array + marker.length() - 1;
        byte[] head = empty.substring(0, split).getBytes(StandardCharsets.UTF_8);
        byte[] tail = empty.substring(split).getBytes(StandardCharsets.UTF_8);

        int size = head.length + tail.length;
        int count = 0;
        for (Outbox.Row row : rows) {
            int next = size + row.payload().length + (count == 0 ? 0 : 1);
            if (count > 0 && next > maxBytes) {
                break;
            }
            size = next;
            count++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(head);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(rows.get(i).payload());
        }
        out.writeBytes(tail);
        return new Batch(batchId, rows.get(0).seq(), rows.get(count - 1).seq(), count, out.toByteArray());
    }

    record Batch(String batchId, long firstSeq, long lastSeq, int events, byte[] payload) {
    }
}
