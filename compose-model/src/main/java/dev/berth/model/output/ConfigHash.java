package dev.berth.model.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.berth.model.project.FileObjectConfig;
import dev.berth.model.project.FileRef;
import dev.berth.model.project.NetworkConfig;
import dev.berth.model.project.Project;
import dev.berth.model.project.ProjectBinder;
import dev.berth.model.project.Service;
import dev.berth.model.project.VolumeConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code com.docker.compose.config-hash} label values. Of a service: SHA-256 (lowercase hex) of its canonical compact JSON
 * after dropping what must not force a recreate: {@code build}, {@code pull_policy}, {@code scale},
 * {@code deploy.replicas}, {@code depends_on}, {@code profiles} and the {@code x-*} extensions.
 */
public final class ConfigHash {

    private ConfigHash() {
    }

    public static String of(Service service) {
        return sha256(canonicalJson(service, name -> Optional.empty()));
    }

    /**
     * The hash with service references resolved as the engine does before comparing: {@code service:x} in
     * {@code network_mode}, {@code ipc}, {@code pid}, {@code uts}, {@code cgroup} and {@code volumes_from: x} become
     * {@code container:<id>} of x's current container, so recreating x changes the hash of its dependents.
     * References whose container is unknown are hashed as written.
     */
    public static String of(Service service, Function<String, Optional<String>> containerIdOfService) {
        return sha256(canonicalJson(service, containerIdOfService));
    }

    /**
     * The hash of service {@code serviceName} of {@code project} as the engine labels its containers: {@link #of(Service)}
     * plus the values of the secrets and configs the service receives by value ({@code environment} or
     * {@code content}) and the SHA-256 digest of the content of those it receives from an existing regular
     * {@code file}, so that changing such a value or file recreates the containers. Compose does not do this (a known
     * gap, compose#11900); a service without such secrets or configs hashes exactly as Compose hashes it.
     */
    public static String of(Project project, String serviceName) {
        Service service = project.service(serviceName);
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        injectedValues(project, service.secrets(), project.secrets(), values.putObject("secrets"));
        injectedValues(project, service.configs(), project.configs(), values.putObject("configs"));
        if (values.get("secrets").isEmpty() && values.get("configs").isEmpty()) {
            return of(service);
        }
        try {
            return sha256(canonicalJson(service) + ProjectBinder.MAPPER.writeValueAsString(values));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A digest per secret and config the service receives by value or from an existing file, keyed
     * {@code secret:<name>} or {@code config:<name>} in declaration order (the first 12 hex digits of the SHA-256 of
     * the value or file content): what tells which of them changed when the hash of {@link #of(Project, String)} did.
     */
    public static Map<String, String> fileObjectDigests(Project project, String serviceName) {
        Service service = project.service(serviceName);
        Map<String, String> out = new LinkedHashMap<>();
        ObjectNode secrets = JsonNodeFactory.instance.objectNode();
        injectedValues(project, service.secrets(), project.secrets(), secrets);
        secrets.fields().forEachRemaining(e -> out.put("secret:" + e.getKey(), shortDigest(e.getValue().asText())));
        ObjectNode configs = JsonNodeFactory.instance.objectNode();
        injectedValues(project, service.configs(), project.configs(), configs);
        configs.fields().forEachRemaining(e -> out.put("config:" + e.getKey(), shortDigest(e.getValue().asText())));
        return out;
    }

    private static String shortDigest(String value) {
        return value.startsWith(FILE_DIGEST) ? value.substring(FILE_DIGEST.length(), FILE_DIGEST.length() + 12)
                : sha256(value).substring(0, 12);
    }

    private static final String FILE_DIGEST = "file-sha256:";

    private static void injectedValues(Project project, List<FileRef> refs, Map<String, FileObjectConfig> defined,
            ObjectNode out) {
        for (FileRef ref : refs) {
            FileObjectConfig config = defined.get(ref.source());
            if (config == null) {
                continue;
            }
            if (config.file() == null && config.content() != null) {
                out.put(ref.source(), config.content());
            } else if (config.file() != null) {
                fileDigest(project, config.file()).ifPresent(d -> out.put(ref.source(), FILE_DIGEST + d));
            }
        }
    }

    /** The SHA-256 of a regular file's content (relative paths against the project directory); empty otherwise. */
    private static Optional<String> fileDigest(Project project, String file) {
        Path path = project.workingDir() == null ? Path.of(file) : project.workingDir().resolve(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            // unreadable now: hashed as if absent, the create then reports the file
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The hash stored on a network: SHA-256 of its canonical JSON (without {@code x-*}). */
    public static String of(NetworkConfig network) {
        return sha256(resourceJson(network, null));
    }

    /** The hash stored on a volume: SHA-256 of its canonical JSON with the driver defaulted to {@code local}. */
    public static String of(VolumeConfig volume) {
        return sha256(resourceJson(volume, volume.driver() == null ? "local" : null));
    }

    private static String resourceJson(Object resource, String defaultDriver) {
        ObjectNode json = ProjectBinder.MAPPER.valueToTree(resource);
        json.remove("extensions");
        if (defaultDriver != null) {
            json.put("driver", defaultDriver);
        }
        try {
            return ProjectBinder.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exact JSON text that {@link #of(Service)} hashes. */
    public static String canonicalJson(Service service) {
        return canonicalJson(service, name -> Optional.empty());
    }

    private static String canonicalJson(Service service, Function<String, Optional<String>> containerIdOfService) {
        ObjectNode json = ProjectBinder.MAPPER.valueToTree(service);
        for (String field : new String[] {"network_mode", "ipc", "pid", "uts", "cgroup"}) {
            JsonNode value = json.get(field);
            if (value != null && value.asText().startsWith("service:")) {
                containerIdOfService.apply(value.asText().substring(8))
                        .ifPresent(id -> json.put(field, "container:" + id));
            }
        }
        if (json.get("volumes_from") instanceof ArrayNode from) {
            for (int i = 0; i < from.size(); i++) {
                String text = from.get(i).asText();
                if (!text.startsWith("container:")) {
                    String[] parts = (text.startsWith("service:") ? text.substring("service:".length()) : text)
                            .split(":", 2);
                    int at = i;
                    containerIdOfService.apply(parts[0]).ifPresent(id ->
                            from.set(at, "container:" + id + (parts.length > 1 ? ":" + parts[1] : "")));
                }
            }
        }
        for (String field : new String[] {"build", "pull_policy", "scale", "depends_on", "profiles", "extensions"}) {
            json.remove(field);
        }
        JsonNode deploy = json.get("deploy");
        if (deploy instanceof ObjectNode d) {
            d.remove("replicas");
            if (d.isEmpty()) {
                json.remove("deploy");
            }
        }
        try {
            return ProjectBinder.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
