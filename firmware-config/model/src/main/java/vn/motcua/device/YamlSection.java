package vn.motcua.device;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One mapping of kiosk.yaml, read key by key. Each read returns the value or its default and records a problem
 * (with the line of the offending node) instead of throwing, so that one pass finds every mistake.
 */
final class YamlSection {
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("/[^\\x00-\\x1f]*");

    private final String prefix;
    private final int line;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final List<ConfigProblem> problems;

    private YamlSection(String prefix, int line, List<ConfigProblem> problems) {
        this.prefix = prefix;
        this.line = line;
        this.problems = problems;
    }

    /** @return the section, or an empty one (all defaults) when the node is absent or not a mapping */
    static YamlSection of(Node node, String path, List<String> allowed, List<ConfigProblem> problems) {
        String prefix = path.isEmpty() ? "" : path + ".";
        YamlSection section = new YamlSection(prefix, node == null ? 0 : line(node), problems);
        if (node == null || isNull(node)) {
            return section;
        }
        if (!(node instanceof MappingNode mapping)) {
            section.problem(node, path.isEmpty() ? "(root)" : path,
                    "must be a mapping with keys " + String.join(", ", allowed) + ", not " + describe(node));
            return section;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = keyNode instanceof ScalarNode s ? s.getValue() : describe(keyNode);
            if (!allowed.contains(key)) {
                section.problem(keyNode, prefix + key, "unknown key (allowed here: " + String.join(", ", allowed) + ")");
                continue;
            }
            NodeTuple first = section.entries.putIfAbsent(key, tuple);
            if (first != null) {
                section.problem(keyNode, prefix + key, "appears twice (first at line " + line(first.getKeyNode())
                        + "); keep one");
            }
        }
        return section;
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        if (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag())) {
            return "the number " + s.getValue();
        }
        if (Tag.BOOL.equals(s.getTag())) {
            return "the boolean " + s.getValue();
        }
        if (Tag.NULL.equals(s.getTag())) {
            return "nothing";
        }
        return "a string";
    }

    String key(String name) {
        return prefix + name;
    }

    int line() {
        return line;
    }

    /** The line of the key, or of the section when the key is absent: where a missing value should go. */
    int lineOf(String name) {
        NodeTuple tuple = entries.get(name);
        return tuple == null ? line : line(tuple.getKeyNode());
    }

    boolean has(String name) {
        Node value = value(name);
        return value != null && !isNull(value);
    }

    Node value(String name) {
        NodeTuple tuple = entries.get(name);
        return tuple == null ? null : tuple.getValueNode();
    }

    void problem(Node at, String key, String message) {
        problems.add(new ConfigProblem(at == null ? 0 : line(at), key, message));
    }

    void problem(int atLine, String key, String message) {
        problems.add(new ConfigProblem(atLine, key, message));
    }

    YamlSection section(String name, List<String> allowed) {
        return of(value(name), key(name), allowed, problems);
    }

    String string(String name, boolean required, String requiredHint) {
        Node node = value(name);
        if (node == null || isNull(node)) {
            if (required) {
                problem(lineOf(name), key(name), "is required" + requiredHint);
            }
            return null;
        }
        return scalarString(node, key(name));
    }

    String scalarString(Node node, String key) {
        if (!(node instanceof ScalarNode s) || !Tag.STR.equals(s.getTag())) {
            problem(node, key, "must be a string, not " + describe(node) + (node instanceof ScalarNode ? " (quote it)" : ""));
            return null;
        }
        if (s.getValue().isBlank()) {
            problem(node, key, "must not be blank");
            return null;
        }
        return s.getValue();
    }

    String matching(String name, Pattern pattern, String rule) {
        String value = string(name, false, "");
        if (value != null && !pattern.matcher(value).matches()) {
            problem(value(name), key(name), "'" + value + "' " + rule);
            return null;
        }
        return value;
    }

    String absolutePath(String name) {
        return matching(name, ABSOLUTE_PATH, "must be an absolute path (starting with /)");
    }

    String oneOf(String name, Collection<String> allowed) {
        String value = string(name, false, "");
        if (value != null && !allowed.contains(value)) {
            problem(value(name), key(name), "'" + value + "' is not allowed; allowed: " + String.join(", ", allowed));
            return null;
        }
        return value;
    }

    Integer integerOrNull(Node node, String key) {
        if (!(node instanceof ScalarNode s) || !Tag.INT.equals(s.getTag())) {
            problem(node, key, "must be an integer, not " + describe(node));
            return null;
        }
        try {
            return Integer.parseInt(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            problem(node, key, "'" + s.getValue() + "' must be a decimal integer");
            return null;
        }
    }

    int integer(String name, int fallback, int min, int max, String unit) {
        Node node = value(name);
        if (node == null || isNull(node)) {
            return fallback;
        }
        Integer value = integerOrNull(node, key(name));
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            problem(node, key(name), value + " is out of range " + min + "-" + max + unit);
            return fallback;
        }
        return value;
    }

    int integerIn(String name, int fallback, List<Integer> allowed, String unit) {
        Node node = value(name);
        if (node == null || isNull(node)) {
            return fallback;
        }
        Integer value = integerOrNull(node, key(name));
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            problem(node, key(name), value + " is not allowed; allowed: "
                    + String.join(", ", allowed.stream().map(String::valueOf).toList()) + unit);
            return fallback;
        }
        return value;
    }

    boolean bool(String name, boolean fallback) {
        Node node = value(name);
        if (node == null || isNull(node)) {
            return fallback;
        }
        if (!(node instanceof ScalarNode s) || !Tag.BOOL.equals(s.getTag())) {
            problem(node, key(name), "must be true or false, not " + describe(node));
            return fallback;
        }
        return List.of("true", "yes", "on").contains(s.getValue().toLowerCase(Locale.ROOT));
    }

    /** @return the items, or null when absent or not a list */
    List<Node> list(String name) {
        Node node = value(name);
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(node, key(name), "must be a list, e.g. [a, b], not " + describe(node));
            return null;
        }
        return new ArrayList<>(seq.getValue());
    }
}
