package dev.berth.model.load;

import dev.berth.model.env.Environment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code COMPOSE_*} variables that steer loading, read from the OS environment or a {@code .env} file. */
record ComposeVariables(Environment environment) {

    Optional<String> composeFile() {
        return nonEmpty("COMPOSE_FILE");
    }

    Optional<String> pathSeparator() {
        return nonEmpty("COMPOSE_PATH_SEPARATOR");
    }

    Optional<String> projectName() {
        return nonEmpty("COMPOSE_PROJECT_NAME");
    }

    List<String> profiles() {
        return split("COMPOSE_PROFILES");
    }

    List<Path> envFiles() {
        return split("COMPOSE_ENV_FILES").stream().map(Path::of).toList();
    }

    boolean disableEnvFile() {
        return nonEmpty("COMPOSE_DISABLE_ENV_FILE")
                .map(v -> v.toLowerCase(Locale.ROOT))
                .filter(v -> v.equals("1") || v.equals("true") || v.equals("yes"))
                .isPresent();
    }

    private Optional<String> nonEmpty(String name) {
        return environment.get(name).filter(v -> !v.isEmpty());
    }

    private List<String> split(String name) {
        return nonEmpty(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
