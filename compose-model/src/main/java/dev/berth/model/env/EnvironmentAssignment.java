package dev.berth.model.env;

import dev.berth.model.problem.Problem;
import dev.berth.model.tree.Location;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code KEY=VALUE} item of a service's list-form {@code environment} (also usable for labels and build
 * args): split at the first {@code =}; an item without {@code =} has no value (null), meaning "take it from the
 * project environment, or leave it out". Compose rejects names that end with a blank (e.g. {@code - DEBUG = true}),
 * see {@link #trailingSpace}.
 */
public record EnvironmentAssignment(String name, String value) {

    public EnvironmentAssignment {
        Objects.requireNonNull(name, "name");
    }

    public static EnvironmentAssignment parse(String item) {
        int eq = item.indexOf('=');
        return eq < 0 ? new EnvironmentAssignment(item, null)
                : new EnvironmentAssignment(item.substring(0, eq), item.substring(eq + 1));
    }

    public Optional<String> optionalValue() {
        return Optional.ofNullable(value);
    }

    /**
     * The error Compose gives for a variable name that ends with a space, e.g. {@code "DEBUG "} from
     * {@code - DEBUG = true}: "environment variable DEBUG  is declared with a trailing space".
     */
    public static Optional<Problem> trailingSpace(String name, Location location, String path) {
        if (name.isEmpty() || !Character.isWhitespace(name.charAt(name.length() - 1))) {
            return Optional.empty();
        }
        return Optional.of(Problem.error(location, path, name,
                "environment variable " + name + " is declared with a trailing space", "environment names",
                "remove the blanks around \"=\": write " + name.strip() + "=VALUE"));
    }
}
