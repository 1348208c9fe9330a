package dev.berth.model.yaml;

import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import dev.berth.model.tree.Tag;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML text into {@link Node} trees: YAML 1.2 core schema, anchors and aliases expanded,
 * {@code <<} merge keys applied, the {@code !reset} and {@code !override} tags kept, and the line and
 * column of every node remembered. Each document of a multi-document stream is returned in order.
 */
public final class YamlReader {

    /** Upper bound on nodes produced by alias expansion; a "billion laughs" document stops here. */
    private static final int MAX_EXPANDED_NODES = 2_000_000;
    private static final String RESET = "!reset";
    private static final String OVERRIDE = "!override";
    private static final String MERGE_KEY = "<<";
    private static final org.snakeyaml.engine.v2.resolver.ScalarResolver CORE_RESOLVER = new CoreSchema().getScalarResolver();
    private static final String ENV_TAG = org.snakeyaml.engine.v2.nodes.Tag.ENV_TAG.getValue();

    private final String file;
    private int budget = MAX_EXPANDED_NODES;

    private YamlReader(String file) {
        this.file = file;
    }

    /** Parses every document of {@code text}; {@code file} names the source in locations. */
    public static List<Node> readAll(String file, String text) {
        return new YamlReader(file).documents(text);
    }

    /** Parses {@code text} and returns its single document merged from all documents, or an empty mapping. */
    public static Node read(String file, String text) {
        List<Node> docs = readAll(file, text);
        return docs.isEmpty() ? new MapNode(Map.of(), Map.of(), new Location(file, 1, 1), Tag.NONE) : docs.get(0);
    }

    private List<Node> documents(String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setSchema(new CoreSchemaOnce())
                .setAllowDuplicateKeys(true)
                .setMaxAliasesForCollections(Integer.MAX_VALUE)
                .setAllowRecursiveKeys(false)
                .setUseMarks(true)
                .setCodePointLimit(Integer.MAX_VALUE)
                .build();
        List<Node> out = new ArrayList<>();
        try {
            for (org.snakeyaml.engine.v2.nodes.Node doc : new Compose(settings).composeAllFromString(text)) {
                out.add(convert(doc, "", new IdentityHashMap<>()));
            }
        } catch (MarkedYamlEngineException e) {
            Location at = e.getProblemMark().map(this::location).orElse(new Location(file, 1, 1));
            throw new ComposeException(Problem.error(at, "", "", "invalid YAML: " + firstLine(e.getProblem()), "YAML 1.2",
                    "fix the syntax at the position shown"));
        } catch (YamlEngineException e) {
            throw new ComposeException(Problem.error(new Location(file, 1, 1), "", "", "invalid YAML: " + firstLine(e.getMessage()),
                    "YAML 1.2", "fix the syntax of the file"));
        }
        return out;
    }

    private Node convert(org.snakeyaml.engine.v2.nodes.Node node, String path,
                         IdentityHashMap<org.snakeyaml.engine.v2.nodes.Node, Boolean> open) {
        if (--budget < 0) {
            throw new ComposeException(Problem.error(location(node), path, "", "document contains excessive aliasing",
                    "alias expansion limit", "reduce the nesting of anchors and aliases"));
        }
        if (open.containsKey(node)) {
            throw new ComposeException(Problem.error(location(node), path, "", "recursive alias: a node contains itself",
                    "YAML aliases", "an alias must not refer to an enclosing node"));
        }
        Tag tag = tagOf(node);
        Location at = location(node);
        if (node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode scalar) {
            return scalar(scalar, at, tag);
        }
        open.put(node, Boolean.TRUE);
        try {
            if (node instanceof SequenceNode seq) {
                List<Node> items = new ArrayList<>(seq.getValue().size());
                int i = 0;
                for (org.snakeyaml.engine.v2.nodes.Node item : seq.getValue()) {
                    items.add(convert(item, path + "[" + i++ + "]", open));
                }
                return new ListNode(items, at, tag);
            }
            return mapping((MappingNode) node, path, at, tag, open);
        } finally {
            open.remove(node);
        }
    }

    private MapNode mapping(MappingNode node, String path, Location at, Tag tag,
                            IdentityHashMap<org.snakeyaml.engine.v2.nodes.Node, Boolean> open) {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        List<MapNode> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            org.snakeyaml.engine.v2.nodes.Node keyNode = tuple.getKeyNode();
            String key = keyText(keyNode, path);
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (MERGE_KEY.equals(key) && keyNode instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s
                    && s.getScalarStyle() == ScalarStyle.PLAIN) {
                merged.addAll(mergeSources(convert(tuple.getValueNode(), childPath, open), childPath));
                continue;
            }
            if (entries.containsKey(key)) {
                throw new ComposeException(Problem.error(location(keyNode), childPath, key,
                        "mapping key \"" + key + "\" already defined at line " + keys.get(key).line(),
                        "YAML mapping keys are unique", "remove one of the two entries"));
            }
            entries.put(key, convert(tuple.getValueNode(), childPath, open));
            keys.put(key, location(keyNode));
        }
        for (MapNode source : merged) {
            source.entries().forEach((k, v) -> {
                if (!entries.containsKey(k)) {
                    entries.put(k, v);
                    keys.put(k, source.keyLocation(k));
                }
            });
        }
        return new MapNode(entries, keys, at, tag);
    }

    private List<MapNode> mergeSources(Node value, String path) {
        if (value instanceof MapNode map) {
            return List.of(map);
        }
        if (value instanceof ListNode list) {
            List<MapNode> maps = new ArrayList<>();
            for (Node item : list.items()) {
                if (!(item instanceof MapNode map)) {
                    throw mergeError(item, path);
                }
                maps.add(map);
            }
            return maps;
        }
        throw mergeError(value, path);
    }

    private static ComposeException mergeError(Node value, String path) {
        return new ComposeException(Problem.error(value.location(), path, value.describe(),
                "a merge key takes a mapping or a list of mappings", "YAML merge key <<",
                "write `<<: *anchor` where the anchor names a mapping"));
    }

    private String keyText(org.snakeyaml.engine.v2.nodes.Node keyNode, String path) {
        if (keyNode instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s) {
            String tagValue = s.getTag().getValue();
            if (s.getScalarStyle() != ScalarStyle.PLAIN || tagValue.equals(org.snakeyaml.engine.v2.nodes.Tag.STR.getValue())
                    || tagValue.equals(org.snakeyaml.engine.v2.nodes.Tag.ENV_TAG.getValue())) {
                return s.getValue();
            }
            String where = path.isEmpty() ? "top-level" : path;
            throw new ComposeException(Problem.error(location(keyNode), path, s.getValue(),
                    "non-string key in " + where + ": " + s.getValue(), "mapping keys are strings",
                    "quote the key: \"" + s.getValue() + "\""));
        }
        throw new ComposeException(Problem.error(location(keyNode), path, "", "non-string key in "
                + (path.isEmpty() ? "top-level" : path) + ": a collection", "mapping keys are strings",
                "use a plain string as the key"));
    }

    private static ScalarNode scalar(org.snakeyaml.engine.v2.nodes.ScalarNode scalar, Location at, Tag tag) {
        String text = scalar.getValue();
        boolean plain = scalar.getScalarStyle() == ScalarStyle.PLAIN;
        if (!plain) {
            return new ScalarNode(text, true, at, tag);
        }
        return new ScalarNode(resolvePlain(text, scalar.getTag().getValue()), false, at, tag);
    }

    /** Resolves a plain scalar by the YAML 1.2 core schema, reading a leading-zero integer as octal as Compose does. */
    static Object resolvePlain(String text, String yamlTag) {
        String t = yamlTag;
        if (t.equals(ENV_TAG)) {
            return text; // a plain ${VAR} template: a string until interpolation
        }
        if (t.startsWith("!")) {
            // custom tags (!reset, !override) carry no type: resolve the text as an untagged plain scalar
            t = implicitTag(text);
        }
        if (t.equals(org.snakeyaml.engine.v2.nodes.Tag.NULL.getValue())) {
            return null;
        }
        if (t.equals(org.snakeyaml.engine.v2.nodes.Tag.BOOL.getValue())) {
            return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
        }
        if (t.equals(org.snakeyaml.engine.v2.nodes.Tag.INT.getValue())) {
            return integer(text);
        }
        if (t.equals(org.snakeyaml.engine.v2.nodes.Tag.FLOAT.getValue())) {
            return floating(text);
        }
        return text;
    }

    private static String implicitTag(String text) {
        return CORE_RESOLVER.resolve(text, true).getValue();
    }

    private static Object integer(String text) {
        String digits = text;
        boolean negative = false;
        if (digits.startsWith("+") || digits.startsWith("-")) {
            negative = digits.startsWith("-");
            digits = digits.substring(1);
        }
        int radix = 10;
        if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0o")) {
            radix = 8;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0") && digits.chars().allMatch(c -> c >= '0' && c <= '7')) {
            radix = 8;
        }
        BigInteger value = new BigInteger(digits, radix);
        if (negative) {
            value = value.negate();
        }
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static Object floating(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(text);
    }

    private Tag tagOf(org.snakeyaml.engine.v2.nodes.Node node) {
        String value = node.getTag().getValue();
        if (RESET.equals(value)) {
            return Tag.RESET;
        }
        if (OVERRIDE.equals(value)) {
            return Tag.OVERRIDE;
        }
        return Tag.NONE;
    }

    private Location location(org.snakeyaml.engine.v2.nodes.Node node) {
        return node.getStartMark().map(this::location).orElse(new Location(file, 0, 0));
    }

    private Location location(Mark mark) {
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String firstLine(String message) {
        String m = Optional.ofNullable(message).orElse("syntax error");
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
