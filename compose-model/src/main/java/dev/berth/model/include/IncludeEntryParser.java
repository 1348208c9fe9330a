package dev.berth.model.include;

import dev.berth.model.problem.Problem;
import dev.berth.model.problem.Problems;
import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the entries of a top-level {@code include}: a path, or {@code {path: str|[str], project_directory,
 * env_file: str|[str]}}. Relative paths start from the including project's working directory; the project
 * directory defaults to the directory of the first file, the env files to its {@code .env} when there is one.
 */
final class IncludeEntryParser {

    static final String RULE = "include (Compose Specification, include)";

    private final Path workingDir;
    private final Problems problems;

    IncludeEntryParser(Path workingDir, Problems problems) {
        this.workingDir = workingDir;
        this.problems = problems;
    }

    List<IncludeEntry> parse(Node include) {
        List<IncludeEntry> entries = new ArrayList<>();
        if (!(include instanceof ListNode list)) {
            if (!(include instanceof ScalarNode s && s.isNull())) {
                problems.add(Problem.error(include.location(), "include", include.describe(),
                        "include must be a list", RULE, "write `include: [other/compose.yaml]`"));
            }
            return entries;
        }
        for (int i = 0; i < list.size(); i++) {
            entry(list.get(i), "include[" + i + "]").ifPresent(entries::add);
        }
        return entries;
    }

    private Optional<IncludeEntry> entry(Node node, String path) {
        List<Node> files;
        Node projectDirectory = null;
        List<Node> envFiles = List.of();
        if (node instanceof ScalarNode s && s.isString()) {
            files = List.of(s);
        } else if (node instanceof MapNode map) {
            files = strings(map.get("path").orElse(null));
            if (files.isEmpty()) {
                problems.add(Problem.error(node.location(), path + ".path", "", "an include entry needs a path",
                        RULE, "give the compose file(s) to include: `path: other/compose.yaml`"));
                return Optional.empty();
            }
            projectDirectory = map.get("project_directory").filter(n -> n instanceof ScalarNode s && !s.isNull())
                    .orElse(null);
            envFiles = strings(map.get("env_file").orElse(null));
        } else {
            problems.add(Problem.error(node.location(), path, node.describe(),
                    "an include entry is a path or a mapping with `path`", RULE,
                    "write `- other/compose.yaml` or `- path: other/compose.yaml`"));
            return Optional.empty();
        }
        List<Path> filePaths = new ArrayList<>();
        for (Node f : files) {
            existing(f, path + ".path", "include file").ifPresent(filePaths::add);
        }
        if (filePaths.size() != files.size()) {
            return Optional.empty();
        }
        Path projectDir = projectDirectory == null ? filePaths.get(0).getParent()
                : workingDir.resolve(((ScalarNode) projectDirectory).text()).normalize();
        List<Path> envPaths = new ArrayList<>();
        for (Node e : envFiles) {
            existing(e, path + ".env_file", "env file").ifPresent(envPaths::add);
        }
        if (envPaths.size() != envFiles.size()) {
            return Optional.empty();
        }
        if (envFiles.isEmpty() && Files.isRegularFile(projectDir.resolve(".env"))) {
            envPaths.add(projectDir.resolve(".env"));
        }
        return Optional.of(new IncludeEntry(filePaths, projectDir, envPaths, node));
    }

    private Optional<Path> existing(Node node, String path, String what) {
        String text = ((ScalarNode) node).text();
        if (text.contains("://") || text.startsWith("git@")) {
            problems.add(Problem.error(node.location(), path, text, "remote " + what + "s are not supported",
                    RULE, "download the file and include it by a local path"));
            return Optional.empty();
        }
        Path file = workingDir.resolve(text).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            problems.add(Problem.error(node.location(), path, text, what + " " + file + " not found", RULE,
                    "fix the path; it is relative to " + workingDir));
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** A string or a list of strings, as nodes; anything else gives an empty list. */
    private static List<Node> strings(Node node) {
        if (node instanceof ScalarNode s && s.isString() && !s.text().isEmpty()) {
            return List.of(s);
        }
        if (node instanceof ListNode list) {
            List<Node> out = new ArrayList<>();
            for (Node item : list.items()) {
                if (item instanceof ScalarNode s && !s.isNull()) {
                    out.add(s);
                }
            }
            return out;
        }
        return List.of();
    }
}
