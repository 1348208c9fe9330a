package dev.berth.embedded.build;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A parsed {@code RUN --mount=type=...,target=...} option. */
public record RunMount(String type, String target, String source, String from, String id, boolean readWrite,
                       boolean required, Map<String, String> options) {
    private static final Set<String> TYPES = Set.of("bind", "cache", "tmpfs", "secret", "ssh");

    static RunMount parse(String spec, int line) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            opts.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "true" : part.substring(eq + 1));
        }
        String type = opts.getOrDefault("type", "bind");
        if (!TYPES.contains(type)) {
            throw new DockerfileException(line, "unsupported mount type '" + type + "'", "use bind, cache, tmpfs, secret or ssh");
        }
        String target = first(opts, "target", "dst", "destination");
        String id = opts.get("id");
        if (target == null && type.equals("secret") && id != null) {
            target = "/run/secrets/" + id;
        }
        if (target == null && !type.equals("ssh")) {
            throw new DockerfileException(line, "--mount=type=" + type + " needs target=<path>", "write --mount=type=" + type + ",target=/path");
        }
        boolean rw = opts.containsKey("rw") || opts.containsKey("readwrite") || type.equals("cache") && !opts.containsKey("ro")
                && !opts.containsKey("readonly");
        return new RunMount(type, target, first(opts, "source", "src"), opts.get("from"), id, rw,
                "true".equals(opts.get("required")), Map.copyOf(opts));
    }

    private static String first(Map<String, String> opts, String... keys) {
        for (String key : keys) {
            if (opts.containsKey(key)) {
                return opts.get(key);
            }
        }
        return null;
    }
}
