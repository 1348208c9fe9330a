package dev.berth.embedded.build;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to build: the context directory, the Dockerfile (a path relative to the context, or inline text), build
 * args, the target stage, additional contexts ({@code name -> directory | docker-image://ref | target:stage}),
 * labels and tags for the result, and run options for RUN steps (network {@code default|host|none}, extra hosts
 * {@code host:ip}, /dev/shm size in bytes, 0 = default) and secret files for {@code RUN --mount=type=secret,id=...}
 * (never part of the cache key or the image); {@code pull} refreshes the images the Dockerfile names from their
 * registries before using them.
 */
public record BuildRequest(Path contextDir, String dockerfile, String dockerfileText, Map<String, String> buildArgs,
                           String target, Map<String, String> additionalContexts, Map<String, String> labels,
                           List<String> tags, boolean noCache, String network, List<String> extraHosts, long shmSize, Map<String, Path> secrets,
                           boolean pull) {
    public BuildRequest {
        secrets = secrets == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        buildArgs = unmodifiable(buildArgs);
        additionalContexts = unmodifiable(additionalContexts);
        labels = unmodifiable(labels);
        tags = tags == null ? List.of() : List.copyOf(tags);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        dockerfile = dockerfile == null ? "Dockerfile" : dockerfile;
        network = network == null ? "default" : network;
    }

    private static Map<String, String> unmodifiable(Map<String, String> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public static Builder builder(Path contextDir) {
        return new Builder(contextDir);
    }

    /** Builds a request step by step. */
    public static final class Builder {
        private final Path contextDir;
        private String dockerfile;
        private String dockerfileText;
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private String target;
        private final Map<String, String> additionalContexts = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<String> tags = new java.util.ArrayList<>();
        private boolean noCache;
        private String network;
        private final List<String> extraHosts = new java.util.ArrayList<>();
        private long shmSize;
        private final Map<String, Path> secrets = new LinkedHashMap<>();
        private boolean pull;

        private Builder(Path contextDir) {
            this.contextDir = contextDir;
        }

        public Builder dockerfile(String path) { dockerfile = path; return this; }
        public Builder dockerfileText(String text) { dockerfileText = text; return this; }
        public Builder buildArg(String name, String value) { buildArgs.put(name, value); return this; }
        public Builder target(String stage) { target = stage; return this; }
        public Builder additionalContext(String name, String value) { additionalContexts.put(name, value); return this; }
        public Builder label(String key, String value) { labels.put(key, value); return this; }
        public Builder tag(String tag) { tags.add(tag); return this; }
        public Builder noCache(boolean value) { noCache = value; return this; }
        public Builder network(String mode) { network = mode; return this; }
        public Builder extraHost(String hostColonIp) { extraHosts.add(hostColonIp); return this; }
        public Builder shmSize(long bytes) { shmSize = bytes; return this; }
        public Builder secret(String id, Path file) { secrets.put(id, file); return this; }
        public Builder pull(boolean value) { pull = value; return this; }

        public BuildRequest build() {
            return new BuildRequest(contextDir, dockerfile, dockerfileText, buildArgs, target, additionalContexts, labels,
                    tags, noCache, network, extraHosts, shmSize, secrets, pull);
        }
    }
}
