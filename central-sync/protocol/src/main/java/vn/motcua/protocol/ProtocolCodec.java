package vn.motcua.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.Priority;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketNoShow;
import vn.motcua.protocol.event.TicketServed;
import vn.motcua.protocol.message.Ack;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.message.CommandResult;
import vn.motcua.protocol.message.KioskStatus;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.protocol.message.Telemetry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * JSON form of contract v1. Encoding writes every field (nullable ones as null); decoding is strict: it throws a
 * {@link ProtocolException} whose reason a consumer counts. Unknown extra fields are ignored. Thread-safe.
 */
public final class ProtocolCodec {
    private static final int ID_MAX = 64;
    private static final int TEXT_MAX = 200;
    /** Far deeper than any message of the contract (an event batch is 5 levels), far short of a stack overflow. */
    private static final int MAX_NESTING = 32;
    private static final String PRIORITIES = "elderly, disabled, pregnant, child, other";
    private static final String LEVELS = "very_satisfied, satisfied, neutral, dissatisfied, very_dissatisfied";

    private final ObjectMapper mapper;

    public ProtocolCodec() {
        mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
    }

    public byte[] encode(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decodes and validates an events batch published on the topic of {@code topicKioskId}.
     *
     * @throws ProtocolException with the reason to count
     */
    public EventBatch decodeEventBatch(byte[] payload, String topicKioskId) {
        if (payload.length > EventBatch.MAX_BYTES) {
            throw new ProtocolException(RejectReason.PAYLOAD_TOO_LARGE, null,
                    payload.length + " bytes, at most " + EventBatch.MAX_BYTES + " allowed");
        }
        Fields root = Fields.root(parse(payload));
        long schema = root.integer("schema");
        if (schema != EventBatch.SCHEMA) {
            throw new ProtocolException(RejectReason.UNKNOWN_SCHEMA, "schema",
                    "is " + schema + ", this consumer reads schema " + EventBatch.SCHEMA);
        }
        String kioskId = root.nonBlank("kioskId", ID_MAX);
        if (topicKioskId != null && !kioskId.equals(topicKioskId)) {
            throw new ProtocolException(RejectReason.KIOSK_MISMATCH, "kioskId",
                    "'" + kioskId + "' differs from the topic's kiosk '" + topicKioskId + "'");
        }
        if (root.arraySize("events") > EventBatch.MAX_EVENTS) {
            throw new ProtocolException(RejectReason.TOO_MANY_EVENTS, "events",
                    "has " + root.arraySize("events") + " events, at most " + EventBatch.MAX_EVENTS + " allowed");
        }
        List<Fields> items = root.objects("events");
        if (items.isEmpty()) {
            throw root.invalid("events", "must not be empty");
        }
        List<KioskEvent> events = new ArrayList<>(items.size());
        Set<Long> seqs = new HashSet<>();
        for (Fields item : items) {
            KioskEvent event = event(item);
            if (!seqs.add(event.seq())) {
                throw item.invalid("seq", event.seq() + " appears twice in the batch");
            }
            events.add(event);
        }
        return new EventBatch(EventBatch.SCHEMA, kioskId, events, root.optionalText("batchId", ID_MAX));
    }

    /**
     * Encodes one outbox event and reads it back by the rules a consumer applies to every event of a batch, so that a
     * producer commits only what will be accepted.
     *
     * @return the event's JSON: the same value {@link #encode} writes (characters beyond U+FFFF unescaped)
     * @throws ProtocolException with the reason a consumer would count and the field's path, e.g. {@code data.comment}
     */
    public String encodeEvent(KioskEvent event) {
        String json;
        try {
            // text, not bytes: an unpaired surrogate survives to the strict read, which names its field
            json = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode event " + event.id(), e);
        }
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " encodes to unreadable JSON", e);
        }
        event(Fields.root(node));
        return json;
    }

    private KioskEvent event(Fields f) {
        long seq = f.integer("seq", 1, Long.MAX_VALUE);
        var id = f.uuid("id");
        String typeName = f.text("type");
        EventType type = EventType.fromWire(typeName).orElseThrow(() -> new ProtocolException(
                RejectReason.UNKNOWN_EVENT_TYPE, f.path("type"), "'" + typeName + "' is not a v1 event type"));
        return new KioskEvent(seq, id, type, f.time("at"), f.bool("clockSynced"), f.nonBlank("bootId", ID_MAX),
                f.integer("uptimeMs", 0, Long.MAX_VALUE), body(type, f.object("data")));
    }

    private EventBody body(EventType type, Fields d) {
        return switch (type) {
            case TICKET_ISSUED -> new TicketIssued(d.nonBlank("ticketId", ID_MAX), d.nonBlank("service", 8),
                    (int) d.integer("number", 1, 9999), d.nonBlank("display", 16),
                    d.optionalEnum("priority", Priority::fromWire, PRIORITIES));
            case TICKET_CALLED -> new TicketCalled(d.nonBlank("ticketId", ID_MAX), d.nonBlank("counter", ID_MAX),
                    d.nonBlank("officerId", ID_MAX));
            case TICKET_SERVED -> new TicketServed(d.nonBlank("ticketId", ID_MAX), d.nonBlank("counter", ID_MAX),
                    d.nonBlank("officerId", ID_MAX), d.integer("serviceSeconds", 0, TicketServed.MAX_SERVICE_SECONDS));
            case TICKET_NO_SHOW -> new TicketNoShow(d.nonBlank("ticketId", ID_MAX), d.nonBlank("counter", ID_MAX));
            case RATING_SUBMITTED -> rating(d);
        };
    }

    private RatingSubmitted rating(Fields d) {
        RatingLevel level = d.enumValue("level", RatingLevel::fromWire, LEVELS);
        int scale = (int) d.integer("scale");
        if (scale != 5 && scale != 3) {
            throw d.invalid("scale", "must be 5 or 3");
        }
        if (!level.allowedOn(scale)) {
            throw d.invalid("level", "'" + level.wireName() + "' is not a level of the 3-level scale");
        }
        return new RatingSubmitted(d.nonBlank("ratingId", ID_MAX), d.optionalText("ticketId", ID_MAX),
                d.optionalText("counter", ID_MAX), d.optionalText("officerId", ID_MAX),
                d.optionalText("procedureCode", ID_MAX), level, scale,
                d.textList("reasons", RatingSubmitted.MAX_REASONS, ID_MAX),
                d.optionalText("comment", RatingSubmitted.MAX_COMMENT_LENGTH));
    }

    public Ack decodeAck(byte[] payload) {
        Fields f = Fields.root(parse(payload));
        return new Ack(f.nonBlank("siteId", ID_MAX), f.nonBlank("kioskId", ID_MAX),
                f.integer("upToSeq", 0, Long.MAX_VALUE), f.nonBlank("batchId", ID_MAX), f.nonBlank("sig", 512));
    }

    public KioskStatus decodeStatus(byte[] payload) {
        Fields f = Fields.root(parse(payload));
        return new KioskStatus(f.bool("online"), f.optionalText("version", ID_MAX), f.optionalText("bootId", ID_MAX),
                f.optionalTime("since"));
    }

    public Telemetry decodeTelemetry(byte[] payload) {
        Fields f = Fields.root(parse(payload));
        return new Telemetry(f.time("at"), f.optionalNumber("cpuTemperatureC"), f.optionalNumber("load1"),
                f.optionalInteger("memoryUsedBytes"), f.optionalInteger("memoryTotalBytes"),
                f.optionalInteger("diskUsedBytes"), f.optionalInteger("diskTotalBytes"),
                f.optionalText("printer", ID_MAX), f.optionalCountMap("queueLengths"),
                f.integer("outboxBacklog", 0, Long.MAX_VALUE), f.optionalInteger("lastAckSeq"),
                f.optionalInteger("configVersion"));
    }

    public Command decodeCommand(byte[] payload) {
        Fields f = Fields.root(parse(payload));
        return new Command(f.nonBlank("id", ID_MAX), f.nonBlank("type", ID_MAX), f.optionalTextMap("args"),
                f.time("issuedAt"), f.time("expiresAt"), f.nonBlank("sig", 512));
    }

    public CommandResult decodeCommandResult(byte[] payload) {
        Fields f = Fields.root(parse(payload));
        return new CommandResult(f.nonBlank("id", ID_MAX), f.bool("ok"), f.optionalLines("message", 1000));
    }

    public SiteConfig decodeSiteConfig(byte[] payload) {
        Fields f = Fields.root(parse(payload));
        int scale = (int) f.integer("ratingScale");
        if (scale != 5 && scale != 3) {
            throw f.invalid("ratingScale", "must be 5 or 3");
        }
        return new SiteConfig(f.integer("version", 1, Long.MAX_VALUE), f.nonBlank("siteName", TEXT_MAX),
                f.objects("services").stream().map(s -> new SiteConfig.Service(s.nonBlank("prefix", 8),
                        s.nonBlank("nameVi", TEXT_MAX), s.optionalText("nameEn", TEXT_MAX))).toList(),
                f.objects("counters").stream().map(c -> new SiteConfig.Counter(c.nonBlank("id", ID_MAX),
                        c.nonBlank("nameVi", TEXT_MAX), c.optionalTextList("services", 26, 8))).toList(),
                f.objects("officers").stream().map(o -> new SiteConfig.Officer(o.nonBlank("id", ID_MAX),
                        o.nonBlank("name", TEXT_MAX), o.optionalText("photoUrl", 2000))).toList(),
                f.objects("procedures").stream().map(p -> new SiteConfig.Procedure(p.optionalText("code", ID_MAX),
                        p.nonBlank("nameVi", 1000), p.optionalText("nameEn", 1000),
                        p.optionalText("field", TEXT_MAX), p.optionalText("level", ID_MAX), p.bool("fullyOnline"),
                        p.optionalText("fee", TEXT_MAX), p.optionalText("timeLimit", TEXT_MAX),
                        p.optionalLinesList("documents", 100, 1000), p.nonBlank("portalUrl", 2000),
                        p.optionalText("service", 8))).toList(),
                scale, f.optionalLinesList("notices", 20, 1000), f.optionalText("sig", 512));
    }

    private JsonNode parse(byte[] payload) {
        try {
            JsonNode node = mapper.readTree(payload);
            if (node == null || node.isMissingNode()) {
                throw new ProtocolException(RejectReason.MALFORMED_JSON, null, "payload is empty");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new ProtocolException(RejectReason.MALFORMED_JSON, null, "payload nests deeper than " + MAX_NESTING
                    + " levels or holds a number or text too long for JSON");
        } catch (IOException e) {
            throw new ProtocolException(RejectReason.MALFORMED_JSON, null,
                    "payload is not JSON (" + e.getClass().getSimpleName() + ")");
        }
    }
}
