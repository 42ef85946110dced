package vn.motcua.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Strict reads from a JSON object: a missing required field, a wrong JSON type and an impossible value each fail with
 * their own reason and the field's full path. Nullable fields accept an explicit null or an absent key. Every text,
 * map keys included, is held to {@link TextRules}: one line unless the method's name says {@code Lines}; every time
 * to {@link TimeWindow}. A reader of {@linkplain #stored stored} JSON keeps every rule but those on lengths, counts
 * and characters.
 */
final class Fields {
    private final JsonNode node;
    private final String path;
    /** Whether lengths, counts and characters are checked; see {@link #stored}. */
    private final boolean limits;

    private Fields(JsonNode node, String path, boolean limits) {
        this.node = node;
        this.path = path;
        this.limits = limits;
    }

    /** The JSON this reads from, as it arrived. */
    JsonNode node() {
        return node;
    }

    static Fields root(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ProtocolException(RejectReason.WRONG_TYPE, null, "payload must be a JSON object");
        }
        return new Fields(node, "", true);
    }

    /**
     * Reads JSON that a consumer accepted earlier and stored: the same fields, types, enums and ranges, but no limit
     * on lengths, counts or characters. Those guard what enters a store; what a store already holds (a line break
     * in a comment, let in before control characters were refused) stays readable.
     */
    static Fields stored(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new ProtocolException(RejectReason.WRONG_TYPE, path, "must be a JSON object");
        }
        return new Fields(node, path, false);
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private JsonNode required(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ProtocolException(RejectReason.MISSING_FIELD, path(field), "is required");
        }
        return value;
    }

    private JsonNode optional(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** Whether the field is there and not null. */
    boolean has(String field) {
        return optional(field) != null;
    }

    private ProtocolException wrongType(String field, String expected) {
        return new ProtocolException(RejectReason.WRONG_TYPE, path(field), "must be " + expected);
    }

    ProtocolException invalid(String field, String why) {
        return new ProtocolException(RejectReason.INVALID_VALUE, path(field), why);
    }

    private String allowed(String fieldPath, String value, boolean lineBreaks) {
        if (!limits) {
            return value;
        }
        int bad = TextRules.firstForbidden(value, lineBreaks);
        if (bad >= 0) {
            throw new ProtocolException(RejectReason.INVALID_CHARACTER, fieldPath,
                    "holds a forbidden character: " + TextRules.describe(value, bad));
        }
        return value;
    }

    String text(String field) {
        JsonNode v = required(field);
        if (!v.isTextual()) {
            throw wrongType(field, "a string");
        }
        return allowed(path(field), v.textValue(), false);
    }

    String nonBlank(String field, int maxLength) {
        String v = text(field);
        if (v.isBlank()) {
            throw invalid(field, limits ? "must be 1-" + maxLength + " characters" : "must not be blank");
        }
        if (limits && v.length() > maxLength) {
            throw invalid(field, "must be 1-" + maxLength + " characters");
        }
        return v;
    }

    String optionalText(String field, int maxLength) {
        return optionalText(field, maxLength, false);
    }

    String optionalLines(String field, int maxLength) {
        return optionalText(field, maxLength, true);
    }

    private String optionalText(String field, int maxLength, boolean lineBreaks) {
        JsonNode v = optional(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string or null");
        }
        if (limits && v.textValue().length() > maxLength) {
            throw invalid(field, "must be at most " + maxLength + " characters");
        }
        return allowed(path(field), v.textValue(), lineBreaks);
    }

    long integer(String field) {
        JsonNode v = required(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(field, "an integer");
        }
        return v.longValue();
    }

    long integer(String field, long min, long max) {
        long v = integer(field);
        if (v < min || v > max) {
            throw invalid(field, "must be between " + min + " and " + max);
        }
        return v;
    }

    Long optionalInteger(String field) {
        JsonNode v = optional(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(field, "an integer or null");
        }
        return v.longValue();
    }

    Double optionalNumber(String field) {
        JsonNode v = optional(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(field, "a number or null");
        }
        return v.doubleValue();
    }

    boolean bool(String field) {
        JsonNode v = required(field);
        if (!v.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return v.booleanValue();
    }

    OffsetDateTime time(String field) {
        String v = text(field);
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 time with offset, e.g. 2026-11-22T08:30:00+07:00");
        }
        if (!TimeWindow.contains(time)) {
            throw new ProtocolException(RejectReason.TIME_OUT_OF_RANGE, path(field), "is " + v + ", outside "
                    + TimeWindow.EARLIEST + " .. " + TimeWindow.LATEST + " (the clock that took it is wrong)");
        }
        return time;
    }

    OffsetDateTime optionalTime(String field) {
        return optional(field) == null ? null : time(field);
    }

    UUID uuid(String field) {
        String v = text(field);
        try {
            UUID id = UUID.fromString(v);
            if (!id.toString().equalsIgnoreCase(v)) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw invalid(field, "must be a UUID");
        }
    }

    <E> E enumValue(String field, Function<String, java.util.Optional<E>> lookup, String allowed) {
        String v = text(field);
        return lookup.apply(v).orElseThrow(() -> invalid(field, "'" + v + "' is not one of " + allowed));
    }

    <E> E optionalEnum(String field, Function<String, java.util.Optional<E>> lookup, String allowed) {
        return optional(field) == null ? null : enumValue(field, lookup, allowed);
    }

    List<String> textList(String field, int maxItems, int maxLength) {
        return textList(field, maxItems, maxLength, false);
    }

    private List<String> textList(String field, int maxItems, int maxLength, boolean lineBreaks) {
        JsonNode v = required(field);
        if (!v.isArray()) {
            throw wrongType(field, "an array of strings");
        }
        if (limits && v.size() > maxItems) {
            throw invalid(field, "must have at most " + maxItems + " items");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                throw new ProtocolException(RejectReason.WRONG_TYPE, path(field) + "[" + i + "]", "must be a string");
            }
            if (item.textValue().isBlank() || limits && item.textValue().length() > maxLength) {
                throw new ProtocolException(RejectReason.INVALID_VALUE, path(field) + "[" + i + "]",
                        limits ? "must be 1-" + maxLength + " characters" : "must not be blank");
            }
            out.add(allowed(path(field) + "[" + i + "]", item.textValue(), lineBreaks));
        }
        return out;
    }

    List<String> optionalTextList(String field, int maxItems, int maxLength) {
        return optional(field) == null ? List.of() : textList(field, maxItems, maxLength, false);
    }

    List<String> optionalLinesList(String field, int maxItems, int maxLength) {
        return optional(field) == null ? List.of() : textList(field, maxItems, maxLength, true);
    }

    private String key(String field, String key) {
        return allowed(path(field), key, false);
    }

    /** An object of strings: its keys are one line, its values may hold line breaks. */
    Map<String, String> optionalTextMap(String field) {
        JsonNode v = optional(field);
        if (v == null) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw wrongType(field, "an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> {
            String name = key(field, e.getKey());
            if (!e.getValue().isTextual()) {
                throw new ProtocolException(RejectReason.WRONG_TYPE, path(field) + "." + name, "must be a string");
            }
            out.put(name, allowed(path(field) + "." + name, e.getValue().textValue(), true));
        });
        return out;
    }

    Map<String, Integer> optionalCountMap(String field) {
        JsonNode v = optional(field);
        if (v == null) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw wrongType(field, "an object of integers");
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> {
            String name = key(field, e.getKey());
            if (!e.getValue().canConvertToInt() || !e.getValue().isIntegralNumber()) {
                throw new ProtocolException(RejectReason.WRONG_TYPE, path(field) + "." + name, "must be an integer");
            }
            out.put(name, e.getValue().intValue());
        });
        return out;
    }

    Fields object(String field) {
        JsonNode v = required(field);
        if (!v.isObject()) {
            throw wrongType(field, "an object");
        }
        return new Fields(v, path(field), limits);
    }

    List<Fields> objects(String field) {
        JsonNode v = required(field);
        if (!v.isArray()) {
            throw wrongType(field, "an array of objects");
        }
        List<Fields> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String itemPath = path(field) + "[" + i + "]";
            if (!item.isObject()) {
                throw new ProtocolException(RejectReason.WRONG_TYPE, itemPath, "must be an object");
            }
            out.add(new Fields(item, itemPath, limits));
        }
        return out;
    }

    int arraySize(String field) {
        JsonNode v = required(field);
        if (!v.isArray()) {
            throw wrongType(field, "an array");
        }
        return v.size();
    }
}
