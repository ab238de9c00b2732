package dev.crossfade.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of a SnakeYAML node tree, recording a {@link Problem} (key path and line)
 * for every mistake instead of stopping at the first, so a user sees the whole list at once.
 * Every getter returns a usable fallback after recording a problem; the caller discards the
 * result when {@link #problems()} is not empty.
 */
final class NodeReader {

    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    List<Problem> problems() {
        return problems;
    }

    void problem(String path, Node node, String message) {
        problems.add(new Problem(path, line(node), message));
    }

    /** Records a problem at a key path read earlier, with that key's line (or its nearest parent's). */
    void problem(String path, String message) {
        String p = path;
        Integer line = lines.get(p);
        while (line == null && p.contains(".")) {
            p = p.substring(0, p.lastIndexOf('.'));
            line = lines.get(p);
        }
        problems.add(new Problem(path, line == null ? 0 : line, message));
    }

    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** A mapping's entries by key, after rejecting keys outside {@code allowed}; null if {@code node} is no mapping. */
    Fields fields(Node node, String path, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            problem(path, node, "must be a mapping of keys to values, found " + describe(node));
            return null;
        }
        Map<String, Node> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problem(path, tuple.getKeyNode(), "keys must be plain names");
                continue;
            }
            String name = key.getValue();
            if (allowed != null && !allowed.contains(name)) {
                problem(join(path, name), key, "unknown key '" + name + "'; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
                continue;
            }
            if (values.containsKey(name)) {
                problem(join(path, name), key, "duplicate key '" + name + "' (first at line " + lines.get(join(path, name)) + ")");
                continue;
            }
            values.put(name, tuple.getValueNode());
            lines.put(join(path, name), line(key));
        }
        return new Fields(path, mapping, values);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(Node node) {
        if (node == null) {
            return "nothing";
        }
        if (node instanceof ScalarNode s) {
            return Tag.NULL.equals(s.getTag()) ? "null" : "'" + s.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    /** The entries of one mapping, with typed getters that record problems under the mapping's path. */
    final class Fields {
        final String path;
        final Node node;
        final Map<String, Node> values;

        Fields(String path, Node node, Map<String, Node> values) {
            this.path = path;
            this.node = node;
            this.values = values;
        }

        boolean has(String key) {
            Node n = values.get(key);
            return n != null && !(n instanceof ScalarNode s && Tag.NULL.equals(s.getTag()));
        }

        Node node(String key) {
            return values.get(key);
        }

        String path(String key) {
            return join(path, key);
        }

        int line(String key) {
            return NodeReader.line(values.getOrDefault(key, node));
        }

        private boolean missing(String key, boolean required) {
            if (has(key)) {
                return false;
            }
            if (required) {
                problem(path(key), values.getOrDefault(key, node), "required key is missing");
            }
            return true;
        }

        private ScalarNode scalar(String key) {
            Node n = values.get(key);
            if (n instanceof ScalarNode s) {
                return s;
            }
            problem(path(key), n, "must be a single value, found " + describe(n));
            return null;
        }

        String string(String key) {
            return missing(key, true) ? "" : stringValue(key, "");
        }

        String string(String key, String fallback) {
            return missing(key, false) ? fallback : stringValue(key, fallback);
        }

        Optional<String> optionalString(String key) {
            return missing(key, false) ? Optional.empty() : Optional.of(stringValue(key, ""));
        }

        private String stringValue(String key, String fallback) {
            ScalarNode s = scalar(key);
            return s == null ? fallback : s.getValue();
        }

        int integer(String key) {
            return missing(key, true) ? 0 : intValue(key, 0);
        }

        int integer(String key, int fallback) {
            return missing(key, false) ? fallback : intValue(key, fallback);
        }

        Optional<Integer> optionalInteger(String key) {
            return missing(key, false) ? Optional.empty() : Optional.of(intValue(key, 0));
        }

        private int intValue(String key, int fallback) {
            ScalarNode s = scalar(key);
            if (s == null) {
                return fallback;
            }
            if (!Tag.INT.equals(s.getTag()) && !Tag.STR.equals(s.getTag())) {
                problem(path(key), s, "must be a whole number, found '" + s.getValue() + "'");
                return fallback;
            }
            try {
                return Integer.parseInt(s.getValue().trim());
            } catch (NumberFormatException e) {
                problem(path(key), s, "must be a whole number, found '" + s.getValue() + "'");
                return fallback;
            }
        }

        boolean bool(String key, boolean fallback) {
            if (missing(key, false)) {
                return fallback;
            }
            ScalarNode s = scalar(key);
            if (s == null) {
                return fallback;
            }
            String v = s.getValue().toLowerCase(Locale.ROOT);
            if (Tag.BOOL.equals(s.getTag()) || v.equals("true") || v.equals("false")) {
                return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y");
            }
            problem(path(key), s, "must be true or false, found '" + s.getValue() + "'");
            return fallback;
        }

        /** A list of plain values; a single value is not silently promoted to a list. */
        List<String> strings(String key) {
            if (missing(key, false)) {
                return List.of();
            }
            Node n = values.get(key);
            if (!(n instanceof SequenceNode seq)) {
                problem(path(key), n, "must be a list, found " + describe(n));
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                if (item instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
                    out.add(s.getValue());
                } else {
                    problem(path(key) + "[" + i + "]", item, "must be a single value, found " + describe(item));
                }
            }
            return out;
        }

        /** The elements of a list-valued key (empty, with a problem, when it is not a list). */
        List<Node> list(String key) {
            if (missing(key, false)) {
                return List.of();
            }
            Node n = values.get(key);
            if (n instanceof SequenceNode seq) {
                return seq.getValue();
            }
            problem(path(key), n, "must be a list, found " + describe(n));
            return List.of();
        }

        <E extends Enum<E>> E choice(String key, E fallback, Map<String, E> options) {
            String raw = fallback == null ? string(key) : string(key, null);
            if (raw == null) {
                return fallback;
            }
            E value = options.get(raw);
            if (value == null) {
                if (!raw.isEmpty() || has(key)) {
                    problem(path(key), values.get(key), "must be one of " + String.join(" | ", options.keySet()) + ", found '" + raw + "'");
                }
                return fallback != null ? fallback : options.values().iterator().next();
            }
            return value;
        }
    }
}
