package dev.berth.model.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.project.JsonTrees;
import dev.berth.model.project.Project;
import dev.berth.model.project.ProjectBinder;
import dev.berth.model.yaml.CoreSchemaOnce;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The canonical rendering of a project, as {@code berth config} prints it: top-level keys in the order
 * {@code name, services, networks, volumes, secrets, configs, models} then {@code x-*}; services and every mapping
 * sorted by key; record attributes in their declared order; empty values left out. Deterministic.
 */
public final class ProjectWriter {

    private ProjectWriter() {
    }

    /** The project as a Jackson tree, the common source of the YAML and JSON forms. */
    public static ObjectNode tree(Project project) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", project.name());
        out.set("services", section(project.services()));
        putIfAny(out, "networks", project.networks());
        putIfAny(out, "volumes", project.volumes());
        putIfAny(out, "secrets", project.secrets());
        putIfAny(out, "configs", project.configs());
        withoutDerivedContent(out.get("secrets"));
        withoutDerivedContent(out.get("configs"));
        putIfAny(out, "models", project.models());
        new TreeMap<>(project.extensions()).forEach((k, v) -> out.set(k, ProjectBinder.MAPPER.valueToTree(v)));
        return out;
    }

    /** The YAML form, with every {@code $} written as {@code $$} so that loading the output again gives the same project. */
    public static String yaml(Project project) {
        return yaml(project, true);
    }

    /** The YAML form; {@code escapeDollars} false keeps {@code $} as is (for uninterpolated output). */
    public static String yaml(Project project, boolean escapeDollars) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setSchema(new CoreSchemaOnce())
                .setWidth(Integer.MAX_VALUE)
                .setSplitLines(false)
                .build();
        return new Dump(settings, new QuotingRepresenter(settings)).dumpToString(plain(tree(project), escapeDollars));
    }

    /** The JSON form, with every {@code $} written as {@code $$} (see {@link #yaml(Project)}). */
    public static String json(Project project) {
        return json(project, true);
    }

    public static String json(Project project, boolean escapeDollars) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        try {
            JsonNode value = escapeDollars ? escaped(tree(project)) : tree(project);
            return ProjectBinder.MAPPER.writer(printer).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A secret or config read from an environment variable carries the variable's value as {@code content} in the
     * model; the output names only the variable, so that it stays valid and loads again to the same model.
     */
    private static void withoutDerivedContent(JsonNode section) {
        if (section != null) {
            section.forEach(entry -> {
                if (entry instanceof ObjectNode o && o.has("environment")) {
                    o.remove("content");
                }
            });
        }
    }

    private static void putIfAny(ObjectNode out, String key, Map<String, ?> resources) {
        if (!resources.isEmpty()) {
            out.set(key, section(resources));
        }
    }

    private static ObjectNode section(Map<String, ?> entries) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(entries).forEach((k, v) -> {
            JsonNode value = ProjectBinder.MAPPER.valueToTree(v);
            out.set(k, value instanceof ObjectNode o ? JsonTrees.spreadExtensions(o) : value);
        });
        return out;
    }

    /** A copy of the tree with {@code $} written as {@code $$} in every string value. */
    private static JsonNode escaped(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), escaped(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(escaped(item)));
            return out;
        }
        return node.isTextual() ? JsonNodeFactory.instance.textNode(node.asText().replace("$", "$$")) : node;
    }

    /** Jackson tree to plain maps, lists and scalars for the YAML emitter; string values optionally $-escaped. */
    static Object plain(JsonNode node, boolean escapeDollars) {
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue(), escapeDollars)));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(item -> out.add(plain(item, escapeDollars)));
            return out;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return escapeDollars ? node.asText().replace("$", "$$") : node.asText();
    }
}
