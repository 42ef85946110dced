package vn.motcua.central.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One stored event as a rollup reads it, with strict readers for its time and body: whatever a rollup cannot read
 * throws {@link Unreadable} naming the field, and the rollup sets the event aside.
 */
record RollupEvent(long ingestId, String eventId, String siteId, String kioskId, long seq, String type, String at,
                   String bootId, long uptimeMs, String data) {
    /** Days are stored as text and compared as text: only four-digit years keep that order. */
    static final int FIRST_YEAR = 1;
    static final int LAST_YEAR = 9999;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The event could not be read for a rollup; the message names the field and what is wrong with it. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** The event's wall time; years outside 0001–9999 in the report's time zone are refused. */
    Instant instant() throws Unreadable {
        localDay();
        return OffsetDateTime.parse(at).toInstant();
    }

    /** The local day (Asia/Ho_Chi_Minh) the event falls on, as {@code yyyy-MM-dd}. */
    String localDay() throws Unreadable {
        LocalDate day;
        try {
            day = OffsetDateTime.parse(at).atZoneSameInstant(RatingRollup.ZONE).toLocalDate();
        } catch (DateTimeException e) {
            throw new Unreadable("at: not a time a report can hold (" + abbreviated(at) + "): " + e.getMessage());
        }
        if (day.getYear() < FIRST_YEAR || day.getYear() > LAST_YEAR) {
            throw new Unreadable("at: " + abbreviated(at) + " is outside the years " + FIRST_YEAR + "–" + LAST_YEAR);
        }
        return day.toString();
    }

    /** The body, which must be a JSON object. */
    JsonNode json() throws Unreadable {
        JsonNode node;
        try {
            node = data == null ? null : JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new Unreadable("data: not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new Unreadable("data: not a JSON object");
        }
        return node;
    }

    static String requiredText(JsonNode data, String field) throws Unreadable {
        JsonNode v = data.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new Unreadable("data." + field + ": " + (v.isMissingNode() || v.isNull() ? "missing"
                    : "not a non-blank text (" + abbreviated(v.toString()) + ")"));
        }
        return v.asText();
    }

    /** A text that may be absent or null, read as ''. */
    static String optionalText(JsonNode data, String field) throws Unreadable {
        String text = nullableText(data, field);
        return text == null ? "" : text;
    }

    /** A text that may be absent or null, read as null. */
    static String nullableText(JsonNode data, String field) throws Unreadable {
        JsonNode v = data.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Unreadable("data." + field + ": not a text (" + abbreviated(v.toString()) + ")");
        }
        return v.asText();
    }

    /** A list of texts that may be absent or null, read as empty. */
    static List<String> optionalTexts(JsonNode data, String field) throws Unreadable {
        JsonNode v = data.path(field);
        List<String> out = new ArrayList<>();
        if (v.isMissingNode() || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new Unreadable("data." + field + ": not a list (" + abbreviated(v.toString()) + ")");
        }
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new Unreadable("data." + field + ": not a list of texts (" + abbreviated(v.toString()) + ")");
            }
            out.add(item.asText());
        }
        return out;
    }

    static long wholeNumber(JsonNode data, String field, long min, long max) throws Unreadable {
        JsonNode v = data.path(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new Unreadable("data." + field + ": " + (v.isMissingNode() || v.isNull() ? "missing"
                    : "not a whole number (" + abbreviated(v.toString()) + ")"));
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw new Unreadable("data." + field + ": " + n + " is outside " + min + "–" + max);
        }
        return n;
    }

    static String abbreviated(String text) {
        return text == null ? "null" : text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
