package dev.berth.model.discovery;

import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.tree.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Decides which compose files a project has and its project directory, as Compose does: {@code -f} values, else
 * {@code COMPOSE_FILE}, else the nearest directory (the working directory, or {@code --project-directory} when
 * given, then its parents up to the root) holding one of {@link #DEFAULT_NAMES}, plus the first of
 * {@link #OVERRIDE_NAMES} beside it. The project directory is {@code --project-directory}, else the directory of
 * the first file (the working directory when that file is standard input).
 */
public final class ComposeFileDiscovery {

    /** The names searched for, in order of preference. */
    public static final List<String> DEFAULT_NAMES =
            List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

    /** The override names added beside a discovered file, in order of preference. */
    public static final List<String> OVERRIDE_NAMES = List.of("compose.override.yml", "compose.override.yaml",
            "docker-compose.override.yml", "docker-compose.override.yaml");

    private static final String RULE = "compose file discovery";

    private ComposeFileDiscovery() {
    }

    /** Discovers the files, ignoring warnings. */
    public static ProjectFiles discover(DiscoveryRequest request) {
        return discover(request, problem -> { });
    }

    /**
     * Discovers the files; a warning goes to {@code warnings} when a directory holds several default names.
     *
     * @throws ComposeException naming every missing file, or saying that no compose file was found
     */
    public static ProjectFiles discover(DiscoveryRequest request, Consumer<Problem> warnings) {
        Path cwd = request.workingDirectory().toAbsolutePath().normalize();
        Path given = request.projectDirectory().map(dir -> cwd.resolve(dir).normalize()).orElse(null);
        List<String> named = namedFiles(request);
        List<ComposeSource> sources = named.isEmpty()
                ? search(given != null ? given : cwd, cwd, warnings) : explicit(named, cwd);
        Path projectDir = given != null ? given
                : sources.get(0).isStdin() ? cwd : sources.get(0).path().getParent();
        return new ProjectFiles(sources, projectDir);
    }

    private static List<String> namedFiles(DiscoveryRequest request) {
        if (!request.files().isEmpty()) {
            return request.files();
        }
        return request.composeFileVariable()
                .map(value -> Arrays.stream(value.split(java.util.regex.Pattern.quote(request.pathSeparator())))
                        .filter(part -> !part.isEmpty())
                        .collect(Collectors.toList()))
                .orElse(List.of());
    }

    private static List<ComposeSource> explicit(List<String> named, Path cwd) {
        List<ComposeSource> sources = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        boolean stdinSeen = false;
        for (String name : named) {
            if (name.equals(ComposeSource.STDIN)) {
                if (stdinSeen) {
                    problems.add(Problem.error(Location.UNKNOWN, "-f", name,
                            "standard input (\"-\") is given more than once", RULE, "pass -f - only once"));
                }
                stdinSeen = true;
                sources.add(ComposeSource.stdin());
                continue;
            }
            Path path = cwd.resolve(name).normalize();
            if (Files.isRegularFile(path)) {
                sources.add(new ComposeSource(name, path));
            } else {
                String what = Files.isDirectory(path) ? "is a directory, not a compose file" : "not found";
                problems.add(Problem.error(new Location(name, 0, 0), "-f", name,
                        "compose file " + path + " " + what, RULE,
                        "check the -f / COMPOSE_FILE path (relative paths resolve against " + cwd + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ComposeException(problems);
        }
        return sources;
    }

    private static List<ComposeSource> search(Path start, Path cwd, Consumer<Problem> warnings) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            List<Path> found = existing(dir, DEFAULT_NAMES);
            if (found.isEmpty()) {
                continue;
            }
            if (found.size() > 1) {
                warnings.accept(Problem.warning(new Location(found.get(0).toString(), 0, 0), "", "",
                        "Found multiple config files with supported names: " + found.stream().map(Path::toString)
                                .collect(Collectors.joining(", ")) + "; using " + found.get(0), RULE,
                        "remove or rename the others, or choose one with -f"));
            }
            List<ComposeSource> sources = new ArrayList<>();
            sources.add(discovered(found.get(0), cwd));
            existing(dir, OVERRIDE_NAMES).stream().findFirst().ifPresent(o -> sources.add(discovered(o, cwd)));
            return sources;
        }
        throw new ComposeException(Problem.error(Location.UNKNOWN, "", "",
                "no configuration file provided: not found (looked for " + String.join(", ", DEFAULT_NAMES)
                        + " in " + start + " and its parents)", RULE,
                "run berth in a directory holding compose.yaml, or name the files with -f"));
    }

    private static List<Path> existing(Path dir, List<String> names) {
        return names.stream().map(dir::resolve).filter(Files::isRegularFile).collect(Collectors.toList());
    }

    /** Named relative to the working directory when it is there, else by absolute path. */
    private static ComposeSource discovered(Path file, Path cwd) {
        String display = file.getParent().equals(cwd) ? file.getFileName().toString() : file.toString();
        return new ComposeSource(display, file);
    }
}
