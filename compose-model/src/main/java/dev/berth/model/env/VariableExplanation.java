package dev.berth.model.env;

import dev.berth.model.interpolation.InterpolationException;
import dev.berth.model.interpolation.Template;
import dev.berth.model.interpolation.VariableReference;
import dev.berth.model.interpolation.VariableUsage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code berth config --explain VAR} says: the variable's value and where it came from (OS environment,
 * which env file and line, command line), and for each place a compose file uses it, what that place gets
 * (the value, a default written in which file and line, a replacement, a blank string or an error).
 */
public record VariableExplanation(String name, Optional<String> value, Optional<VariableOrigin> origin,
                                  List<UsageOutcome> usages) {

    /** One use of the variable and what it resolves to there, in words. */
    public record UsageOutcome(VariableUsage usage, String outcome) {

        public UsageOutcome {
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    public VariableExplanation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
        usages = List.copyOf(usages);
    }

    /** Explains {@code name} given the project environment and the usages of all compose files. */
    public static VariableExplanation explain(String name, Environment env, List<VariableUsage> usages) {
        Optional<String> value = env.get(name);
        List<UsageOutcome> outcomes = usages.stream()
                .filter(usage -> usage.name().equals(name))
                .map(usage -> new UsageOutcome(usage, outcome(usage, value, env)))
                .collect(Collectors.toList());
        return new VariableExplanation(name, value, env.origin(name), outcomes);
    }

    public boolean isSet() {
        return value.isPresent();
    }

    /** A few lines of text for the terminal. */
    public String render() {
        StringBuilder out = new StringBuilder();
        if (value.isPresent()) {
            out.append(name).append(" = \"").append(value.get()).append('"');
            origin.ifPresent(o -> out.append("\n  from: ").append(o.describe()));
        } else {
            out.append(name).append(" is not set");
        }
        if (usages.isEmpty()) {
            out.append("\n  not used by the compose files");
        } else {
            out.append("\n  used at:");
            for (UsageOutcome usage : usages) {
                out.append("\n    ").append(usage.usage().location()).append("  ").append(usage.usage().path())
                        .append("  ").append(usage.usage().reference().toTemplate())
                        .append("  -> ").append(usage.outcome());
            }
        }
        return out.toString();
    }

    private static String outcome(VariableUsage usage, Optional<String> value, Environment env) {
        VariableReference reference = usage.reference();
        boolean set = value.isPresent();
        boolean nonEmpty = set && !value.get().isEmpty();
        String valueText = set ? quote(value.get()) : "";
        String argument = evaluate(reference.argument(), env);
        String writtenAt = " (written at " + usage.location() + ")";
        switch (reference.modifier()) {
            case NONE:
                return set ? valueText : "\"\" (not set: berth warns and uses a blank string)";
            case DEFAULT_IF_UNSET_OR_EMPTY:
                return nonEmpty ? valueText : "default " + argument + writtenAt;
            case DEFAULT_IF_UNSET:
                return set ? valueText : "default " + argument + writtenAt;
            case REQUIRED_NON_EMPTY:
                return nonEmpty ? valueText : "error: " + requiredMessage(reference, env);
            case REQUIRED_SET:
                return set ? valueText : "error: " + requiredMessage(reference, env);
            case REPLACE_IF_NON_EMPTY:
                return nonEmpty ? "replacement " + argument + writtenAt
                        : "\"\" (" + (set ? "empty" : "not set") + ", so no replacement)";
            case REPLACE_IF_SET:
                return set ? "replacement " + argument + writtenAt : "\"\" (not set, so no replacement)";
            default:
                throw new IllegalStateException("unknown modifier " + reference.modifier());
        }
    }

    private static String requiredMessage(VariableReference reference, Environment env) {
        try {
            Template.substitute(reference.toTemplate(), name -> name.equals(reference.name())
                    ? Optional.empty() : env.get(name));
            return "required variable " + reference.name() + " is missing a value";
        } catch (InterpolationException e) {
            return e.getMessage();
        }
    }

    /** The argument's value, with its written form when it holds references, e.g. {@code "x" (from "${B:-x}")}. */
    private static String evaluate(String argument, Environment env) {
        try {
            String result = Template.substitute(argument, env::get);
            return result.equals(argument) ? quote(result) : quote(result) + " (from " + quote(argument) + ")";
        } catch (InterpolationException e) {
            return quote(argument) + " (" + e.getMessage() + ")";
        }
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
