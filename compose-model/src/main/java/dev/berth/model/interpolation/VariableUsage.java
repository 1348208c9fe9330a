package dev.berth.model.interpolation;

import dev.berth.model.tree.Location;
import java.util.Objects;
import java.util.Optional;

/** A variable reference as written in a compose file: the reference, where it is, and which attribute holds it. */
public record VariableUsage(VariableReference reference, Location location, String path) {

    public VariableUsage {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(path, "path");
    }

    public String name() {
        return reference.name();
    }

    public Optional<String> defaultValue() {
        return reference.defaultValue();
    }

    public boolean required() {
        return reference.required();
    }
}
