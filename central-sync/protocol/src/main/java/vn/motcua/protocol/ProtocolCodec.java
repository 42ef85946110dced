package vn.motcua.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import vn.motcua.protocol.event.CounterSignedIn;
import vn.motcua.protocol.event.CounterSignedOut;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.Priority;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.SignOutReason;
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
import java.util.UUID;

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
    private static final String SIGN_OUT_REASONS = "officer, timeout, replaced";
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
     * Decodes and validates an events batch published on the topic of {@code topicKioskId}; one invalid event refuses
     * the whole batch.
     *
     * @throws ProtocolException with the reason to count
     */
    public EventBatch decodeEventBatch(byte[] payload, String topicKioskId) {
        CheckedBatch checked = decodeEventBatchKeepingRefused(payload, topicKioskId);
        if (!checked.refused().isEmpty()) {
            throw checked.refused().get(0).problem();
        }
        return checked.batch();
    }

    /**
     * An event of a well-formed batch that the contract refuses, but whose {@code seq} and {@code id} could be read:
     * a consumer keeps it whole ({@code json}, every non-ASCII character escaped so any store can hold it) with its
     * reason instead of refusing the events around it. {@code type} is the text it carried, or null.
     */
    public record RefusedEvent(long seq, UUID id, String type, String json, ProtocolException problem) {
    }

    /** A batch's valid events, and the refused ones to keep. */
    public record CheckedBatch(EventBatch batch, List<RefusedEvent> refused) {

        /** The highest seq the batch carried, valid or refused. */
        public long lastSeq() {
            long last = batch.events().stream().mapToLong(KioskEvent::seq).max().orElse(0);
            return refused.stream().mapToLong(RefusedEvent::seq).reduce(last, Math::max);
        }
    }

    /**
     * Decodes an events batch, setting aside each event the contract refuses but that names its {@code seq} and
     * {@code id}. A batch whose envelope is wrong (size, schema, kiosk, not a list), or holding an event without a
     * readable {@code seq} and {@code id}, is refused whole.
     *
     * @throws ProtocolException with the reason to count
     */
    public CheckedBatch decodeEventBatchKeepingRefused(byte[] payload, String topicKioskId) {
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
        String batchId = root.optionalText("batchId", ID_MAX);
        List<KioskEvent> events = new ArrayList<>(items.size());
        List<RefusedEvent> refused = new ArrayList<>();
        Set<Long> seqs = new HashSet<>();
        for (Fields item : items) {
            try {
                KioskEvent event = event(item);
                if (!seqs.add(event.seq())) {
                    throw item.invalid("seq", event.seq() + " appears twice in the batch");
                }
                events.add(event);
            } catch (ProtocolException problem) {
                long seq;
                UUID id;
                try {
                    seq = item.integer("seq", 1, Long.MAX_VALUE);
                    id = item.uuid("id");
                } catch (ProtocolException unnamed) {
                    throw problem;
                }
                JsonNode type = item.node().get("type");
                refused.add(new RefusedEvent(seq, id, type != null && type.isTextual()
                        ? escapedJson(type).replaceAll("^\"|\"$", "") : null, escapedJson(item.node()), problem));
            }
        }
        return new CheckedBatch(new EventBatch(EventBatch.SCHEMA, kioskId, events, batchId), refused);
    }

    private String escapedJson(JsonNode node) {
        try {
            return mapper.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON node cannot be written: " + e.getMessage(), e);
        }
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

    /**
     * Reads the {@code data} of an event that was accepted and stored earlier into its typed body, by the rules of
     * {@link #decodeEventBatch} except those on lengths, counts and characters: they guard what enters a store, and
     * what a store already holds (a line break in a comment, let in before control characters were refused) stays
     * readable.
     *
     * @throws ProtocolException with the reason and the field's path, e.g. {@code data.level}
     */
    public EventBody decodeStoredData(EventType type, String data) {
        if (data == null) {
            throw new ProtocolException(RejectReason.MISSING_FIELD, "data", "is required");
        }
        JsonNode node;
        try {
            node = mapper.readTree(data);
        } catch (StreamConstraintsException e) {
            throw new ProtocolException(RejectReason.MALFORMED_JSON, "data", "nests deeper than " + MAX_NESTING
                    + " levels or holds a number or text too long for JSON");
        } catch (JsonProcessingException e) {
            throw new ProtocolException(RejectReason.MALFORMED_JSON, "data", "is not JSON: " + e.getOriginalMessage());
        }
        return body(type, Fields.stored(node, "data"));
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
            case COUNTER_SIGNED_IN -> new CounterSignedIn(d.nonBlank("counter", ID_MAX),
                    d.nonBlank("officerId", ID_MAX));
            case COUNTER_SIGNED_OUT -> new CounterSignedOut(d.nonBlank("counter", ID_MAX),
                    d.nonBlank("officerId", ID_MAX), d.enumValue("reason", SignOutReason::fromWire, SIGN_OUT_REASONS));
        };
    }

    private RatingSubmitted rating(Fields d) {
        RatingLevel level = d.enumValue("level", RatingLevel::fromWire, LEVELS);
        long scale = d.integer("scale");
        if (scale != 5 && scale != 3) {
            throw d.invalid("scale", "must be 5 or 3");
        }
        if (!level.allowedOn((int) scale)) {
            throw d.invalid("level", "'" + level.wireName() + "' is not a level of the 3-level scale");
        }
        return new RatingSubmitted(d.nonBlank("ratingId", ID_MAX), d.optionalText("ticketId", ID_MAX),
                d.optionalText("counter", ID_MAX), d.optionalText("officerId", ID_MAX),
                d.optionalText("procedureCode", ID_MAX), level, (int) scale,
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
                f.optionalInteger("configVersion"),
                f.has("countersSignedIn") ? f.optionalTextList("countersSignedIn", 100, ID_MAX) : null);
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

    /**
     * A configuration exactly as its publisher encoded it, with {@code sig} left out: the bytes central signed,
     * including fields this build does not know yet. Verifying these (rather than this build's re-encoding) lets a
     * kiosk apply a configuration from a newer central whose extra fields it ignores.
     */
    public byte[] siteConfigWithoutSig(byte[] payload) {
        JsonNode root = parse(payload);
        if (!(root instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
            throw new ProtocolException(RejectReason.WRONG_TYPE, null, "a site configuration is a JSON object");
        }
        com.fasterxml.jackson.databind.node.ObjectNode unsigned = object.deepCopy();
        unsigned.remove("sig");
        return encode(unsigned);
    }

    public SiteConfig decodeSiteConfig(byte[] payload) {
        Fields f = Fields.root(parse(payload));
        int scale = (int) f.integer("ratingScale");
        if (scale != 5 && scale != 3) {
            throw f.invalid("ratingScale", "must be 5 or 3");
        }
        return new SiteConfig(f.integer("version", 1, Long.MAX_VALUE), f.nonBlank("siteName", TEXT_MAX),
                f.objects("services").stream().map(s -> new SiteConfig.Service(s.nonBlank("prefix", 8),
                        s.nonBlank("nameVi", TEXT_MAX), s.optionalText("nameEn", TEXT_MAX),
                        minutes(s, "targetMinutes", SiteConfig.Service.MAX_TARGET_MINUTES),
                        minutes(s, "longestWaitMinutes", SiteConfig.Service.MAX_WAIT_MINUTES),
                        minutes(s, "queueLength", SiteConfig.Service.MAX_QUEUE_LENGTH))).toList(),
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
                scale, f.optionalLinesList("notices", 20, 1000), announce(f), f.optionalText("sig", 512),
                priorityAge(f), publicBaseUrl(f), alertAhead(f), null,
                minutes(f, "idleCounterMinutes", SiteConfig.MAX_IDLE_COUNTER_MINUTES));
    }

    /** An optional whole number from 1 to {@code max}: minutes, or a number of citizens. */
    private static Integer minutes(Fields f, String field, int max) {
        Long n = f.optionalInteger(field);
        if (n == null) {
            return null;
        }
        if (n < 1 || n > max) {
            throw f.invalid(field, "must be between 1 and " + max);
        }
        return n.intValue();
    }

    private static Integer priorityAge(Fields f) {
        Long age = f.optionalInteger("priorityAge");
        if (age != null && (age < SiteConfig.MIN_PRIORITY_AGE || age > SiteConfig.MAX_PRIORITY_AGE)) {
            throw f.invalid("priorityAge", "must be between " + SiteConfig.MIN_PRIORITY_AGE + " and "
                    + SiteConfig.MAX_PRIORITY_AGE + " years");
        }
        return age == null ? null : age.intValue();
    }

    /** Optional, and each of its fields too: configurations older than it still decode. */
    private static SiteConfig.Announce announce(Fields f) {
        if (!f.has("announce")) {
            return null;
        }
        Fields a = f.object("announce");
        boolean enabled = a.has("enabled") ? a.bool("enabled") : SiteConfig.Announce.DEFAULT.enabled();
        int volume = a.has("volume") ? (int) a.integer("volume", 0, SiteConfig.Announce.MAX_VOLUME)
                : SiteConfig.Announce.DEFAULT.volume();
        return new SiteConfig.Announce(enabled, volume);
    }


    /** An absolute http(s) address without query or fragment, at most 200 characters; trailing slashes dropped. */
    private static String publicBaseUrl(Fields f) {
        String url = f.optionalText("publicBaseUrl", SiteConfig.PUBLIC_BASE_URL_MAX);
        if (url == null) {
            return null;
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw f.invalid("publicBaseUrl", "must be an http or https address");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw f.invalid("publicBaseUrl", "must be an http or https address without query, fragment or login");
        }
        return url;
    }

    private static Integer alertAhead(Fields f) {
        Long n = f.optionalInteger("alertAhead");
        if (n == null) {
            return null;
        }
        if (n < 1 || n > SiteConfig.MAX_ALERT_AHEAD) {
            throw f.invalid("alertAhead", "must be between 1 and " + SiteConfig.MAX_ALERT_AHEAD);
        }
        return n.intValue();
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
