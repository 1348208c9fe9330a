package dev.berth.model.env;

import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.tree.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the environment a project is interpolated with: the env files ({@code --env-file}s in order, or the
 * project directory's {@code .env} when none is given) with the OS environment on top. Later files override
 * earlier ones; {@code ${VAR}} inside a file sees the OS environment first, then earlier files and lines.
 */
public final class ProjectEnvironment {

    /** The env file Compose reads from the project directory when no {@code --env-file} is given. */
    public static final String DEFAULT_ENV_FILE = ".env";

    private static final String RULE = "--env-file / .env";

    private ProjectEnvironment() {
    }

    /**
     * @param osEnv the process environment (highest precedence)
     * @param envFiles explicit {@code --env-file} paths, in order; relative ones resolve against the current
     *     directory. Each must exist. Empty means: use {@code <projectDir>/.env} if it is a file
     * @param projectDir the project directory
     * @param disableDefaultEnvFile true to skip the default {@code .env} ({@code COMPOSE_DISABLE_ENV_FILE})
     * @throws ComposeException naming every missing or unreadable file and every syntax error
     */
    public static Environment resolve(Map<String, String> osEnv, List<Path> envFiles, Path projectDir,
                                      boolean disableDefaultEnvFile) {
        Objects.requireNonNull(osEnv, "osEnv");
        Objects.requireNonNull(projectDir, "projectDir");
        Environment os = Environment.of(osEnv, VariableOrigin.Kind.OS_ENVIRONMENT);
        List<Problem> problems = new ArrayList<>();
        Environment fromFiles = Environment.empty();
        for (Path file : filesToRead(envFiles, projectDir, disableDefaultEnvFile, problems)) {
            Environment earlier = fromFiles;
            Function<String, Optional<String>> lookup = name -> os.get(name).or(() -> earlier.get(name));
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                List<EnvEntry> entries = EnvFileParser.parse(file.toString(), text, lookup);
                fromFiles = fromFiles.overlay(Environment.fromEntries(entries));
            } catch (IOException e) {
                problems.add(Problem.error(new Location(file.toString(), 0, 0), "", file.toString(),
                        "cannot read env file: " + e.getMessage(), RULE, "check the file's permissions"));
            } catch (ComposeException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ComposeException(problems);
        }
        return fromFiles.overlay(os);
    }

    private static List<Path> filesToRead(List<Path> envFiles, Path projectDir, boolean disableDefault,
                                          List<Problem> problems) {
        if (envFiles.isEmpty()) {
            Path dotEnv = projectDir.toAbsolutePath().normalize().resolve(DEFAULT_ENV_FILE);
            return !disableDefault && Files.isRegularFile(dotEnv) ? List.of(dotEnv) : List.of();
        }
        List<Path> files = new ArrayList<>();
        for (Path given : envFiles) {
            Path file = given.toAbsolutePath().normalize();
            if (Files.isRegularFile(file)) {
                files.add(file);
            } else {
                String what = Files.isDirectory(file) ? "is a directory, not an env file" : "not found";
                problems.add(Problem.error(new Location(file.toString(), 0, 0), "--env-file", given.toString(),
                        "env file " + file + " " + what, RULE,
                        "check the --env-file path (relative paths resolve against the current directory)"));
            }
        }
        return files;
    }
}
