package dev.berth.daemon.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The query of {@code POST /build} as the classic builder reads it: {@code t} (repeatable), {@code dockerfile},
 * {@code buildargs} and {@code labels} (JSON objects), {@code target}, {@code nocache}, {@code pull},
 * {@code networkmode}, {@code extrahosts}, {@code shmsize}, {@code platform} and {@code q}; {@code rm} and
 * {@code forcerm} are accepted (the builder never leaves intermediate containers).
 *
 * <p>Berth extension {@value #CONTEXTS_PARAM}: a JSON object of additional build contexts, name to an absolute
 * host directory, {@code docker-image://REF} or {@code target:STAGE}. The Berth engine is always local (a unix
 * socket reachable by root only), so host paths name the same files for the client and the engine.
 *
 * @throws IllegalArgumentException (from {@link #parse}) naming the parameter and what is wrong with it
 */
public record BuildQuery(List<String> tags, String dockerfile, Map<String, String> buildArgs,
                         Map<String, String> labels, Optional<String> target, boolean noCache, boolean pull,
                         Optional<String> network, List<String> extraHosts, Optional<Long> shmSize,
                         Optional<String> platform, boolean quiet, Map<String, String> additionalContexts) {
    /** The query parameter carrying additional build contexts to a Berth engine. */
    public static final String CONTEXTS_PARAM = "berth.contexts";

    private static final ObjectMapper JSON = new ObjectMapper();

    public BuildQuery {
        tags = List.copyOf(tags);
        buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        extraHosts = List.copyOf(extraHosts);
        additionalContexts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(additionalContexts));
    }

    public static BuildQuery parse(Map<String, List<String>> query) {
        refuseUnsupported(query);
        List<String> tags = new ArrayList<>();
        for (String t : query.getOrDefault("t", List.of())) {
            if (!t.isBlank()) {
                tags.add(ImageRef.of(t.trim()).value());
            }
        }
        return new BuildQuery(tags, dockerfile(first(query, "dockerfile").orElse("Dockerfile")),
                stringMap(query, "buildargs"), stringMap(query, "labels"), first(query, "target"),
                flag(query, "nocache"), flag(query, "pull"),
                first(query, "networkmode").filter(m -> !m.equals("default")), extraHosts(query), shmSize(query),
                first(query, "platform"), flag(query, "q"), contexts(query));
    }

    /** The build spec for a context unpacked at {@code context}, tagged {@code tags} (at least one). */
    public BuildSpec toSpec(Path context, List<String> tagsToUse) {
        BuildSpec.Builder b = BuildSpec.builder(context, ImageRef.of(tagsToUse.get(0))).dockerfile(dockerfile)
                .args(buildArgs).labels(labels).noCache(noCache).pull(pull);
        tagsToUse.stream().skip(1).forEach(t -> b.tag(ImageRef.of(t)));
        target.ifPresent(b::target);
        network.ifPresent(b::network);
        extraHosts.forEach(b::extraHost);
        shmSize.ifPresent(b::shmSize);
        platform.ifPresent(b::platform);
        additionalContexts.forEach(b::additionalContext);
        return b.build();
    }

    private static void refuseUnsupported(Map<String, List<String>> query) {
        if (first(query, "remote").isPresent()) {
            throw new UnsupportedOperationRuntimeException("build image", first(query, "remote").get(),
                    "remote: the berth engine builds only from a context sent in the request body; clone or"
                            + " download the context and build from the directory");
        }
        if (first(query, "version").filter(v -> v.equals("2")).isPresent()) {
            throw new UnsupportedOperationRuntimeException("build image", "", "version=2: the berth engine has no"
                    + " BuildKit; run the docker CLI with DOCKER_BUILDKIT=0 to use the classic builder API");
        }
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? Optional.empty()
                : Optional.of(values.get(0));
    }

    private static boolean flag(Map<String, List<String>> query, String name) {
        return first(query, name).map(v -> v.equals("1") || v.equalsIgnoreCase("true")).orElse(false);
    }

    /** The Dockerfile path must stay inside the context. */
    private static String dockerfile(String value) {
        Path path = Path.of(value).normalize();
        if (path.isAbsolute() || path.startsWith("..") || path.toString().isEmpty()) {
            throw new IllegalArgumentException("dockerfile: " + value + " is not a path inside the build context;"
                    + " send the Dockerfile in the context tar and name it relative to the context root");
        }
        return path.toString();
    }

    /** A JSON object of strings; {@code null} values (take from the client's environment) are skipped. */
    private static Map<String, String> stringMap(Map<String, List<String>> query, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<String> raw = first(query, name);
        if (raw.isEmpty()) {
            return out;
        }
        JsonNode node = json(name, raw.get());
        if (node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(name + ": expected a JSON object of strings, got " + raw.get());
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isNull()) {
                continue;
            }
            if (!e.getValue().isValueNode()) {
                throw new IllegalArgumentException(name + ": the value of " + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static JsonNode json(String name, String raw) {
        try {
            return JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** Repeated parameters and comma-separated lists are both accepted. */
    private static List<String> extraHosts(Map<String, List<String>> query) {
        List<String> out = new ArrayList<>();
        for (String value : query.getOrDefault("extrahosts", List.of())) {
            for (String host : value.split(",")) {
                if (!host.isBlank()) {
                    out.add(host.trim());
                }
            }
        }
        return out;
    }

    private static Optional<Long> shmSize(Map<String, List<String>> query) {
        Optional<String> raw = first(query, "shmsize");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            long bytes = Long.parseLong(raw.get());
            if (bytes < 0) {
                throw new NumberFormatException();
            }
            return bytes == 0 ? Optional.empty() : Optional.of(bytes);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shmsize: expected a size in bytes, got " + raw.get());
        }
    }

    private static Map<String, String> contexts(Map<String, List<String>> query) {
        Map<String, String> contexts = stringMap(query, CONTEXTS_PARAM);
        contexts.forEach((name, value) -> {
            boolean ok = value.startsWith("docker-image://") || value.startsWith("target:")
                    || Path.of(value).isAbsolute();
            if (name.isBlank() || !ok) {
                throw new IllegalArgumentException(CONTEXTS_PARAM + ": context " + name + " = " + value + " is"
                        + " neither an absolute directory, docker-image://REF nor target:STAGE; the engine cannot"
                        + " resolve paths relative to the client, so send absolute paths");
            }
        });
        return contexts;
    }
}
