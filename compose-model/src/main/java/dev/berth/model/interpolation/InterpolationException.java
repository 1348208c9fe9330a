package dev.berth.model.interpolation;

import java.util.Optional;

/**
 * A template could not be substituted: its syntax is invalid, or a required variable ({@code ${VAR:?msg}},
 * {@code ${VAR?msg}}) has no value. The message says which; {@link #variable()} names the required variable.
 */
public class InterpolationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String variable;

    InterpolationException(String message, String variable) {
        super(message);
        this.variable = variable;
    }

    static InterpolationException invalid(String template, String reason) {
        return new InterpolationException("Invalid template: \"" + template + "\": " + reason, null);
    }

    static InterpolationException required(String name, String message) {
        String text = "required variable " + name + " is missing a value";
        return new InterpolationException(message.isEmpty() ? text : text + ": " + message, name);
    }

    /** The required variable that had no value, or empty for a syntax error. */
    public Optional<String> variable() {
        return Optional.ofNullable(variable);
    }

    public boolean isSyntaxError() {
        return variable == null;
    }
}
