package dev.berth.swarm.convert;

import dev.berth.model.project.FileObjectConfig;
import dev.berth.swarm.StackNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Top-level {@code secrets} / {@code configs} → versioned Swarm objects with their content read. */
final class FileObjectConverter {
    /** Swarm refuses longer secret and config names. */
    static final int MAX_NAME = 64;
    private static final int HASH_CHARS = 10;

    private final StackNamespace namespace;
    private final Path workingDir;
    private final Function<String, Optional<String>> variables;

    FileObjectConverter(StackNamespace namespace, Path workingDir, Function<String, Optional<String>> variables) {
        this.namespace = namespace;
        this.workingDir = workingDir;
        this.variables = variables;
    }

    List<SwarmObjectPlan> convert(ObjectKind kind, Map<String, FileObjectConfig> objects) {
        List<SwarmObjectPlan> plans = new ArrayList<>();
        objects.forEach((key, config) -> plans.add(convert(kind, key, config)));
        return plans;
    }

    private SwarmObjectPlan convert(ObjectKind kind, String key, FileObjectConfig config) {
        String baseName = config.name() != null ? config.name() : namespace.scoped(key);
        if (Boolean.TRUE.equals(config.external())) {
            return new SwarmObjectPlan(kind, key, baseName, baseName, new byte[0], Map.of(), true);
        }
        String path = kind.word() + "s." + key;
        byte[] data = content(path, config);
        String name = baseName + "-" + shortHash(data);
        if (name.length() > MAX_NAME) {
            throw new StackConversionException(path + ".name", name, "Swarm " + kind.word() + " names are at most "
                    + MAX_NAME + " characters, including the -<hash> version suffix",
                    "give it a shorter `name:` or use a shorter stack name");
        }
        Map<String, String> labels = new LinkedHashMap<>(namespace.labelled(config.labels()));
        labels.put(SwarmObjectPlan.BASE_LABEL, baseName);
        return new SwarmObjectPlan(kind, key, baseName, name, data, labels, false);
    }

    private byte[] content(String path, FileObjectConfig config) {
        if (config.file() != null) {
            Path file = workingDir.resolve(config.file());
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new StackConversionException(path + ".file", file, "cannot read it: " + e.getMessage(),
                        "create the file or correct the path");
            }
        }
        if (config.environment() != null) {
            return variables.apply(config.environment()).map(v -> v.getBytes(StandardCharsets.UTF_8))
                    .orElseThrow(() -> new StackConversionException(path + ".environment", config.environment(),
                            "the variable is not set", "export it or put it in the .env file"));
        }
        if (config.content() != null) {
            return config.content().getBytes(StandardCharsets.UTF_8);
        }
        throw new StackConversionException(path, "{}", "a stack's secret or config needs a source",
                "set `file:`, `environment:` or `content:`, or `external: true`");
    }

    static String shortHash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
