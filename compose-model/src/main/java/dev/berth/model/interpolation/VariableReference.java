package dev.berth.model.interpolation;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code $VAR} or {@code ${VAR<modifier><argument>}} written in a template. {@code argument} is the text
 * after the modifier as written (not yet substituted; it may hold nested references), "" for {@link Modifier#NONE}.
 */
public record VariableReference(String name, Modifier modifier, String argument) {

    /** The operators Compose allows between a variable name and its argument. */
    public enum Modifier {
        /** {@code $VAR} or {@code ${VAR}}. */
        NONE(""),
        /** {@code ${VAR:-default}}: default when unset or empty. */
        DEFAULT_IF_UNSET_OR_EMPTY(":-"),
        /** {@code ${VAR-default}}: default when unset. */
        DEFAULT_IF_UNSET("-"),
        /** {@code ${VAR:?message}}: error when unset or empty. */
        REQUIRED_NON_EMPTY(":?"),
        /** {@code ${VAR?message}}: error when unset. */
        REQUIRED_SET("?"),
        /** {@code ${VAR:+replacement}}: replacement when set and not empty, else "". */
        REPLACE_IF_NON_EMPTY(":+"),
        /** {@code ${VAR+replacement}}: replacement when set, else "". */
        REPLACE_IF_SET("+");

        private final String symbol;

        Modifier(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public VariableReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modifier, "modifier");
        Objects.requireNonNull(argument, "argument");
    }

    /** The default written with {@code :-} or {@code -}, as written. */
    public Optional<String> defaultValue() {
        return modifier == Modifier.DEFAULT_IF_UNSET_OR_EMPTY || modifier == Modifier.DEFAULT_IF_UNSET
                ? Optional.of(argument) : Optional.empty();
    }

    /** True for {@code :?} and {@code ?}: loading fails when the variable has no value. */
    public boolean required() {
        return modifier == Modifier.REQUIRED_NON_EMPTY || modifier == Modifier.REQUIRED_SET;
    }

    /** The error message written with {@code :?} or {@code ?}, as written. */
    public Optional<String> errorMessage() {
        return required() ? Optional.of(argument) : Optional.empty();
    }

    /** The replacement written with {@code :+} or {@code +}, as written. */
    public Optional<String> replacement() {
        return modifier == Modifier.REPLACE_IF_NON_EMPTY || modifier == Modifier.REPLACE_IF_SET
                ? Optional.of(argument) : Optional.empty();
    }

    /** The reference in braced form, e.g. {@code ${VAR:-default}}. */
    public String toTemplate() {
        return "${" + name + modifier.symbol() + argument + "}";
    }
}
