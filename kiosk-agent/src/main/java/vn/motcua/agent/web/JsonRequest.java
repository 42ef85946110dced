package vn.motcua.agent.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.motcua.protocol.TextRules;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict reads of a JSON request body. Each problem becomes a 400 naming the field and why, so the screen's
 * developer sees exactly what to fix. Unknown fields are ignored, as in the MQTT contract. Texts are held to the
 * contract's {@link TextRules} (one line, no control character, no unpaired surrogate): whatever is accepted here
 * can travel to central.
 */
public final class JsonRequest {
    /** Request bodies are flat objects; a deeper body is refused before it costs a deep recursion. */
    private static final int MAX_NESTING = 16;
    private static final JsonFactory PARSERS = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build();

    private final JsonNode root;

    private JsonRequest(JsonNode root) {
        this.root = root;
    }

    public static JsonRequest parse(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.invalid("body", "a JSON object is required");
        }
        JsonNode node;
        try (JsonParser parser = PARSERS.createParser(body)) {
            node = mapper.readTree(parser);
        } catch (StreamConstraintsException e) {
            throw ApiException.invalid("body", "request body nests deeper than " + MAX_NESTING
                    + " levels or holds a number or text too long for JSON");
        } catch (IOException e) {
            JsonLocation at = e instanceof JsonProcessingException p ? p.getLocation() : null;
            throw ApiException.invalid("body", "request body is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        return new JsonRequest(node);
    }

    private JsonNode value(String field) {
        JsonNode v = root.get(field);
        return v == null || v.isNull() ? null : v;
    }

    public String requiredText(String field, int maxLength) {
        String v = optionalText(field, maxLength);
        if (v == null) {
            throw ApiException.invalid(field, field + " is required");
        }
        return v;
    }

    /** A string or null; blank counts as absent. */
    public String optionalText(String field, int maxLength) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(field, field + " must be a string, not " + kind(v));
        }
        String s = v.textValue();
        if (s.isBlank()) {
            return null;
        }
        if (s.length() > maxLength) {
            throw ApiException.invalid(field, field + " must be at most " + maxLength + " characters, got " + s.length());
        }
        return plain(field, s);
    }

    public int requiredInt(String field) {
        JsonNode v = value(field);
        if (v == null) {
            throw ApiException.invalid(field, field + " is required");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiException.invalid(field, field + " must be an integer, not " + kind(v));
        }
        return v.intValue();
    }

    /** A list of strings; absent or null is the empty list. */
    public List<String> textList(String field, int maxItems, int maxLength) {
        JsonNode v = value(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw ApiException.invalid(field, field + " must be an array of strings, not " + kind(v));
        }
        if (v.size() > maxItems) {
            throw ApiException.invalid(field, field + " must have at most " + maxItems + " items, got " + v.size());
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > maxLength) {
                throw ApiException.invalid(field, field + " items must be strings of 1-" + maxLength + " characters");
            }
            out.add(plain(field, item.textValue()));
        }
        return out;
    }

    /** The text if it is one line of plain text by the contract's rules, else a 400 naming the field. */
    public static String plain(String field, String text) {
        int bad = TextRules.firstForbidden(text);
        if (bad >= 0) {
            throw ApiException.invalid(field, field + " must be one line of text without control characters, "
                    + "got " + TextRules.describe(text, bad));
        }
        return text;
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            default -> v.getNodeType().name().toLowerCase();
        };
    }
}
