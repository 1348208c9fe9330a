package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds a canonical project mapping (the output of {@code Canonicalizer}) to the immutable {@link Project}
 * records. A value of the wrong shape is reported as a {@link ComposeException} carrying every such problem.
 */
public final class ProjectBinder {

    /** The mapper used both ways; map entries are written sorted, empty values left out. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addModule(new SimpleModule("compose-booleans").addDeserializer(Boolean.class, new LegacyBooleanDeserializer()))
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY,
                    JsonInclude.Include.ALWAYS))
            .build();

    private ProjectBinder() {
    }

    public static Project bind(MapNode canonical) {
        return bind(canonical, null);
    }

    public static Project bind(MapNode canonical, Path workingDir) {
        Binding binding = new Binding();
        Map<String, Service> services = binding.all(canonical, "services", Service.class);
        Map<String, NetworkConfig> networks = binding.all(canonical, "networks", NetworkConfig.class);
        Map<String, VolumeConfig> volumes = binding.all(canonical, "volumes", VolumeConfig.class);
        Map<String, FileObjectConfig> secrets = binding.all(canonical, "secrets", FileObjectConfig.class);
        Map<String, FileObjectConfig> configs = binding.all(canonical, "configs", FileObjectConfig.class);
        Map<String, ModelConfig> models = binding.all(canonical, "models", ModelConfig.class);
        Map<String, Object> extensions = new LinkedHashMap<>();
        canonical.entries().forEach((k, v) -> {
            if (k.startsWith("x-")) {
                extensions.put(k, MAPPER.convertValue(JsonTrees.of(v), Object.class));
            }
        });
        if (!binding.problems.isEmpty()) {
            throw new ComposeException(binding.problems);
        }
        return new Project(canonical.text("name").orElse(""), workingDir, services, networks, volumes, secrets, configs,
                models, extensions);
    }

    private static final class Binding {
        private final java.util.List<Problem> problems = new java.util.ArrayList<>();

        <T> Map<String, T> all(MapNode project, String kind, Class<T> type) {
            Map<String, T> out = new LinkedHashMap<>();
            project.map(kind).ifPresent(map -> map.entries().forEach((key, value) -> {
                T bound = one(value, kind + "." + key, type);
                if (bound != null) {
                    out.put(key, bound);
                }
            }));
            return out;
        }

        private <T> T one(Node value, String path, Class<T> type) {
            JsonNode json = JsonTrees.gatherExtensions(JsonTrees.of(value));
            try {
                return MAPPER.treeToValue(json, type);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
                problems.add(Problem.error(value.location(), path, "", "cannot read the canonical model: " + message,
                        "compose model", "check the value's type against the Compose specification"));
                return null;
            }
        }
    }
}
