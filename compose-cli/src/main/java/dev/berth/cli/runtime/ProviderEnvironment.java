package dev.berth.cli.runtime;

import dev.berth.cli.invocation.Invocation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller's environment as runtime providers get it: the variables that name files or directories are made
 * absolute against the caller's working directory, since providers resolve paths against the JVM's own.
 */
final class ProviderEnvironment {
    /** Variables holding a path that providers read. */
    static final List<String> PATH_VARIABLES = List.of("DOCKER_CONFIG", "DOCKER_CERT_PATH", "BERTH_ROOT",
            "BERTH_RUN_DIR");

    private ProviderEnvironment() {
    }

    static Map<String, String> of(Invocation caller) {
        Map<String, String> env = new HashMap<>(caller.env());
        for (String name : PATH_VARIABLES) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                env.put(name, caller.resolve(value).toString());
            }
        }
        return env;
    }
}
