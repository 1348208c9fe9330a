package dev.berth.model.env;

import dev.berth.model.tree.Location;
import java.util.Objects;
import java.util.Optional;

/**
 * One assignment read from an env file. {@code value} is null when the line names a variable without a value
 * ({@code VAR} alone) and the lookup had none either: the variable is then unset.
 */
public record EnvEntry(String name, String value, Location location) {

    public EnvEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
    }

    public boolean isSet() {
        return value != null;
    }

    public Optional<String> optionalValue() {
        return Optional.ofNullable(value);
    }
}
