package dev.berth.model.env;

import dev.berth.model.tree.Location;
import java.nio.file.Path;
import java.util.Objects;

/** Where the value of a project variable came from, for {@code config --explain} and messages. */
public record VariableOrigin(Kind kind, Location location) {

    public enum Kind {
        /** The environment of the berth process. */
        OS_ENVIRONMENT,
        /** A line of a {@code .env} or {@code --env-file} file. */
        ENV_FILE,
        /** A command-line option. */
        COMMAND_LINE,
        /** Set by the loader itself, e.g. {@code COMPOSE_PROJECT_NAME}. */
        LOADER
    }

    public VariableOrigin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
    }

    public static VariableOrigin of(Kind kind) {
        return new VariableOrigin(kind, Location.UNKNOWN);
    }

    public static VariableOrigin envFile(Location location) {
        return new VariableOrigin(Kind.ENV_FILE, location);
    }

    /** E.g. "OS environment", ".env line 3 (/abs/.env:3:1)", "command line", "set by berth". */
    public String describe() {
        switch (kind) {
            case OS_ENVIRONMENT:
                return "OS environment";
            case COMMAND_LINE:
                return "command line";
            case LOADER:
                return "set by berth";
            case ENV_FILE:
                return envFileDescription();
            default:
                throw new IllegalStateException("unknown kind " + kind);
        }
    }

    private String envFileDescription() {
        String file = location.file();
        if (file.isEmpty()) {
            return "env file";
        }
        Path name = Path.of(file).getFileName();
        String shortName = name == null ? file : name.toString();
        return location.isKnown() ? shortName + " line " + location.line() + " (" + location + ")" : shortName;
    }
}
