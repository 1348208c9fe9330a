package dev.berth.model.env;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The variables a project is interpolated with, in order, each remembering where its value came from.
 * Immutable; {@link #overlay(Environment)} makes a new one.
 */
public final class Environment {

    private static final Environment EMPTY = new Environment(Map.of());

    private final Map<String, Variable> variables;

    private record Variable(String value, VariableOrigin origin) {
    }

    private Environment(Map<String, Variable> variables) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    public static Environment empty() {
        return EMPTY;
    }

    /** Every entry of {@code values} (in its iteration order), all with an origin of {@code kind}. */
    public static Environment of(Map<String, String> values, VariableOrigin.Kind kind) {
        VariableOrigin origin = VariableOrigin.of(kind);
        Map<String, Variable> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, new Variable(Objects.requireNonNull(value, name), origin)));
        return new Environment(variables);
    }

    /** The set entries of an env file, each with its file and line as origin; later entries win. */
    public static Environment fromEntries(List<EnvEntry> entries) {
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (EnvEntry entry : entries) {
            if (entry.isSet()) {
                variables.put(entry.name(), new Variable(entry.value(), VariableOrigin.envFile(entry.location())));
            }
        }
        return new Environment(variables);
    }

    public Optional<String> get(String name) {
        Variable variable = variables.get(name);
        return variable == null ? Optional.empty() : Optional.of(variable.value());
    }

    public Optional<VariableOrigin> origin(String name) {
        Variable variable = variables.get(name);
        return variable == null ? Optional.empty() : Optional.of(variable.origin());
    }

    public boolean contains(String name) {
        return variables.containsKey(name);
    }

    public Set<String> names() {
        return variables.keySet();
    }

    public int size() {
        return variables.size();
    }

    /** The values in order, unmodifiable. */
    public Map<String, String> asMap() {
        Map<String, String> values = new LinkedHashMap<>();
        variables.forEach((name, variable) -> values.put(name, variable.value()));
        return Collections.unmodifiableMap(values);
    }

    /** This environment with {@code higher}'s variables on top: they win where both define a name. */
    public Environment overlay(Environment higher) {
        if (higher.variables.isEmpty()) {
            return this;
        }
        Map<String, Variable> merged = new LinkedHashMap<>(variables);
        merged.putAll(higher.variables);
        return new Environment(merged);
    }

    /** This environment with one variable set (replacing any value it had). */
    public Environment with(String name, String value, VariableOrigin origin) {
        Map<String, Variable> copy = new LinkedHashMap<>(variables);
        copy.put(Objects.requireNonNull(name, "name"), new Variable(Objects.requireNonNull(value, "value"),
                Objects.requireNonNull(origin, "origin")));
        return new Environment(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Environment other && variables.equals(other.variables);
    }

    @Override
    public int hashCode() {
        return variables.hashCode();
    }

    @Override
    public String toString() {
        return "Environment" + asMap().keySet();
    }
}
