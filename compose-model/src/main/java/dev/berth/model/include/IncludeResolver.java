package dev.berth.model.include;

import dev.berth.model.extend.PathRebaser;
import dev.berth.model.merge.ComposeMerger;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.problem.Problems;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.Tag;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Resolves the top-level {@code include} of a Compose file. Each entry is loaded as a project of its own through
 * the {@link IncludedProjectLoader}; its services, networks, volumes, secrets, configs and models, with relative
 * paths made absolute against its project directory, are copied into the including file. Two included projects
 * defining the same resource differently is an error; a resource the including file defines too is merged with the
 * including file winning (its {@code !reset}/{@code !override} tags apply). Include cycles are errors naming the
 * chain. The including file keeps its merge tags for its later merge onto previous files. The {@code include}
 * key is removed. All problems found are thrown together.
 *
 * <p>An instance remembers the chain of files being included while its loader runs, so nested includes must be
 * resolved through the same instance; one instance serves one top-level load and is not thread-safe.
 */
public final class IncludeResolver {

    /** The top-level sections an include imports. */
    public static final List<String> RESOURCES = List.of("services", "volumes", "networks", "secrets", "configs",
            "models");

    private final IncludedProjectLoader loader;
    private final Deque<Path> chain = new ArrayDeque<>();

    public IncludeResolver(IncludedProjectLoader loader) {
        this.loader = loader;
    }

    /**
     * The file with its includes resolved.
     *
     * @param file       the including file (interpolated, tags kept)
     * @param filePath   where it was read from
     * @param workingDir the including project's directory, where relative include paths start
     */
    public MapNode resolve(MapNode file, Path filePath, Path workingDir) {
        Node include = file.get("include").orElse(null);
        if (include == null) {
            return file;
        }
        Path self = filePath.toAbsolutePath().normalize();
        boolean root = !self.equals(chain.peek());
        if (root) {
            chain.push(self);
        }
        try {
            Problems problems = new Problems(p -> { });
            List<IncludeEntry> entries = new IncludeEntryParser(workingDir.toAbsolutePath().normalize(), problems)
                    .parse(include);
            Map<String, Map<String, Node>> imported = new LinkedHashMap<>();
            for (IncludeEntry entry : entries) {
                importEntry(entry, imported, problems);
            }
            problems.throwIfErrors();
            return mergeInto(file.without("include"), imported);
        } finally {
            if (root) {
                chain.pop();
            }
        }
    }

    private void importEntry(IncludeEntry entry, Map<String, Map<String, Node>> imported, Problems problems) {
        Path main = entry.files().get(0);
        if (chain.contains(main)) {
            List<Path> order = new ArrayList<>(chain);
            Collections.reverse(order);
            order.add(main);
            problems.add(Problem.error(entry.node().location(), "include", main.toString(),
                    "include cycle detected: " + order.stream().map(Path::toString)
                            .collect(Collectors.joining(" includes ")),
                    IncludeEntryParser.RULE, "remove one of the includes of the cycle"));
            return;
        }
        MapNode project;
        chain.push(main);
        try {
            project = loader.load(entry.files(), entry.projectDirectory(), entry.envFiles());
        } catch (ComposeException e) {
            e.problems().forEach(problems::add);
            return;
        } finally {
            chain.pop();
        }
        project = PathRebaser.rebaseResources(project, entry.projectDirectory());
        for (String section : RESOURCES) {
            MapNode definitions = project.map(section).orElse(null);
            if (definitions == null) {
                continue;
            }
            Map<String, Node> into = imported.computeIfAbsent(section, s -> new LinkedHashMap<>());
            definitions.entries().forEach((name, definition) -> {
                Node known = into.get(name);
                if (known != null && !known.equals(definition)) {
                    problems.add(Problem.error(entry.node().location(), section + "." + name, main.toString(),
                            section + "." + name + " conflicts with imported resource (also defined by "
                                    + known.location().file() + ")", IncludeEntryParser.RULE,
                            "rename it in one of the included projects, or define it in the including file"));
                } else if (known == null) {
                    into.put(name, definition);
                }
            });
        }
    }

    private static MapNode mergeInto(MapNode file, Map<String, Map<String, Node>> imported) {
        MapNode out = file;
        for (Map.Entry<String, Map<String, Node>> section : imported.entrySet()) {
            String name = section.getKey();
            MapNode local = out.map(name).orElse(null);
            Map<String, Node> entries = new LinkedHashMap<>(section.getValue());
            Map<String, Location> keys = new LinkedHashMap<>();
            section.getValue().forEach((k, v) -> keys.put(k, v.location()));
            if (local != null) {
                local.entries().forEach((k, v) -> {
                    Node base = entries.get(k);
                    if (base != null && v.tag() == Tag.RESET) {
                        entries.remove(k);
                        keys.remove(k);
                        return;
                    }
                    entries.put(k, base == null ? v
                            : ComposeMerger.carryTags(v, ComposeMerger.mergeAt(List.of(name, k), base, v)));
                    keys.put(k, local.keyLocation(k));
                });
            }
            Location at = local != null ? local.location() : Location.UNKNOWN;
            out = out.with(name, new MapNode(entries, keys, at, local != null ? local.tag() : Tag.NONE));
        }
        return out;
    }
}
