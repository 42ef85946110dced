package vn.motcua.central.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What an alert says about itself, shown in the reader's language: a message key (its text is
 * {@code alert.detail.<key>} in the console's bundles) whose {@code {0}}, {@code {1}}, … are the arguments; and the
 * same in English words, kept in {@code alerts.detail} for the log and the API. An alert stored before keys has only
 * the English words, and shows them.
 */
public record AlertDetail(String key, List<String> args, String english) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    public AlertDetail {
        args = List.copyOf(args);
    }

    /** {@code args} are written as {@link String#valueOf} writes them. */
    public static AlertDetail of(String key, String english, Object... args) {
        return new AlertDetail(key, Arrays.stream(args).map(String::valueOf).toList(), english);
    }

    /** The arguments as stored: a JSON array of strings. */
    String argsJson() {
        try {
            return JSON.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always written", e);
        }
    }

    /** The arguments stored as {@link #argsJson()} wrote them; none when absent or unreadable. */
    static List<String> args(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /**
     * The detail in the language {@code texts} reads: the key's text with its arguments in place, or the English
     * words when there is no key or the bundle has no text for it ({@code texts} gives the key back then).
     */
    public static String shown(String key, List<String> args, String english, UnaryOperator<String> texts) {
        if (key == null) {
            return english;
        }
        String name = "alert.detail." + key;
        String text = texts.apply(name);
        if (text.equals(name)) {
            return english;
        }
        for (int i = 0; i < args.size(); i++) {
            text = text.replace("{" + i + "}", args.get(i));
        }
        return text;
    }
}
