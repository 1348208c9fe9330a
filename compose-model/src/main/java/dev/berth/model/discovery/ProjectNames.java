package dev.berth.model.discovery;

import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.tree.Location;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compose project names. Precedence: {@code -p} > {@code COMPOSE_PROJECT_NAME} > top-level {@code name:} >
 * basename of the project directory. Names set imperatively ({@code -p}, the variable) must already be valid;
 * the other two are normalised (lowercased, reduced to {@code [a-z0-9_-]}, leading {@code _} and {@code -}
 * trimmed).
 */
public final class ProjectNames {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern INVALID_CHARS = Pattern.compile("[^a-z0-9_-]");
    private static final String RULE = "project names are lowercase letters, digits, - and _, starting with a"
            + " letter or digit";

    private ProjectNames() {
    }

    /** Lowercases, drops characters outside {@code [a-z0-9_-]} and trims leading {@code _} and {@code -}. */
    public static String normalize(String name) {
        String kept = INVALID_CHARS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("");
        int start = 0;
        while (start < kept.length() && (kept.charAt(start) == '_' || kept.charAt(start) == '-')) {
            start++;
        }
        return kept.substring(start);
    }

    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    /**
     * Returns {@code name} if it is valid, else fails naming {@code origin} (e.g. "-p", "COMPOSE_PROJECT_NAME")
     * and suggesting the normalised form.
     */
    public static String requireValid(String name, String origin) {
        if (isValid(name)) {
            return name;
        }
        String normal = normalize(name);
        String hint = normal.isEmpty()
                ? "choose a name of lowercase letters, digits, - and _"
                : "use \"" + normal + "\" instead";
        throw new ComposeException(Problem.error(Location.UNKNOWN, origin, name, "invalid project name \"" + name
                + "\": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well"
                + " as start with a letter or number", RULE, hint));
    }

    /**
     * The project name by Compose's precedence. Empty strings count as absent, and so does a top-level name that
     * normalises to nothing (the directory name is used then, as compose-go does). When several files have a
     * top-level {@code name:}, pass the last one's, interpolated.
     *
     * @param projectDir the project directory whose basename is the last resort, or null for none
     * @throws ComposeException for an invalid {@code -p} or {@code COMPOSE_PROJECT_NAME}, or when the name would
     *     be empty ("project name must not be empty")
     */
    public static String resolve(Optional<String> cliName, Optional<String> envName, Optional<String> topLevelName,
                                 Path projectDir) {
        Optional<String> cli = cliName.filter(n -> !n.isEmpty());
        if (cli.isPresent()) {
            return requireValid(cli.get(), "-p");
        }
        Optional<String> env = envName.filter(n -> !n.isEmpty());
        if (env.isPresent()) {
            return requireValid(env.get(), "COMPOSE_PROJECT_NAME");
        }
        Optional<String> topLevel = topLevelName.map(ProjectNames::normalize).filter(n -> !n.isEmpty());
        if (topLevel.isPresent()) {
            return topLevel.get();
        }
        Path base = projectDir == null ? null : projectDir.toAbsolutePath().normalize().getFileName();
        String fromDirectory = base == null ? "" : normalize(base.toString());
        if (!fromDirectory.isEmpty()) {
            return fromDirectory;
        }
        throw new ComposeException(Problem.error(Location.UNKNOWN, "name", base == null ? "" : base.toString(),
                "project name must not be empty", RULE,
                "name the project with -p, COMPOSE_PROJECT_NAME or a top-level name: attribute"));
    }
}
