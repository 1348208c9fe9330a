package dev.berth.model.problem;

import dev.berth.model.tree.Location;

/**
 * One thing wrong with the user's input: where it is, which attribute ({@code path}, e.g.
 * {@code services.web.ports[0]}), the offending value, what is wrong, which rule says so and what to do.
 * {@code severity} separates errors, which stop the load, from warnings, which are reported and ignored.
 */
public record Problem(Severity severity, Location location, String path, String value, String message, String rule,
                      String hint) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(Location location, String path, String value, String message, String rule, String hint) {
        return new Problem(Severity.ERROR, location, path, value, message, rule, hint);
    }

    public static Problem warning(Location location, String path, String value, String message, String rule, String hint) {
        return new Problem(Severity.WARNING, location, path, value, message, rule, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col  path: value — message (rule) — hint}, leaving out the parts that are empty. */
    public String render() {
        StringBuilder out = new StringBuilder(location.toString());
        out.append("  ");
        if (path != null && !path.isEmpty()) {
            out.append(path);
            if (value != null && !value.isEmpty()) {
                out.append(": ").append(value);
            }
            out.append(" — ");
        } else if (value != null && !value.isEmpty()) {
            out.append(value).append(" — ");
        }
        out.append(message);
        if (rule != null && !rule.isEmpty()) {
            out.append(" (").append(rule).append(')');
        }
        if (hint != null && !hint.isEmpty()) {
            out.append(" — ").append(hint);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
