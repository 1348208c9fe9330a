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

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

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
        putIfAny(out, "models", project.models());
        new TreeMap<>(project.extensions()).forEach((k, v) -> out.set(k, ProjectBinder.MAPPER.valueToTree(v)));
        return out;
    }

    public static String yaml(Project project) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setSchema(new CoreSchema())
                .setWidth(Integer.MAX_VALUE)
                .setSplitLines(false)
                .build();
        return new Dump(settings, new QuotingRepresenter(settings)).dumpToString(plain(tree(project)));
    }

    public static String json(Project project) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        try {
            return ProjectBinder.MAPPER.writer(printer).writeValueAsString(tree(project)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
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

    /** Jackson tree to plain maps, lists and scalars for the YAML emitter. */
    static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(item -> out.add(plain(item)));
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
        return node.asText();
    }
}
