package dev.berth.model.extend;

import dev.berth.model.merge.ComposeMerger;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves {@code extends} for every service of a Compose file: {@code extends: name} (same file) or
 * {@code extends: {service, file}}. The extended service is resolved first (recursively, across files), then the
 * local definition is merged on top of it with the Compose merge rules (local wins, base sequence items first).
 * Services taken from another file have their relative paths made absolute against that file's directory.
 * The {@code extends} key is removed. The merge tags of the local definitions are kept on the result (see
 * {@link ComposeMerger#carryTags}) so that they still apply when this file is merged onto previous ones.
 * All problems found are thrown together.
 */
public final class ExtendsResolver {

    private static final String RULE = "extends (Compose Specification, services)";

    private final ComposeFileLoader loader;

    public ExtendsResolver(ComposeFileLoader loader) {
        this.loader = loader;
    }

    /** Resolves the services of {@code file}, read from {@code filePath}; {@code extends.file} is relative to its directory. */
    public MapNode resolve(MapNode file, Path filePath) {
        Path absolute = filePath.toAbsolutePath().normalize();
        return resolve(file, absolute, absolute.getParent());
    }

    /**
     * Resolves the services of {@code file}, read from {@code filePath}; relative {@code extends.file} values of
     * this file are resolved against {@code workingDir} (those of other files against their own directory).
     */
    public MapNode resolve(MapNode file, Path filePath, Path workingDir) {
        Optional<MapNode> services = file.map("services");
        if (services.isEmpty()) {
            return file;
        }
        Run run = new Run();
        SourceFile source = new SourceFile(filePath.toAbsolutePath().normalize(), file,
                workingDir.toAbsolutePath().normalize());
        run.files.put(source.path, source);
        Map<String, Node> resolved = new LinkedHashMap<>();
        Set<Problem> problems = new LinkedHashSet<>();
        services.get().entries().forEach((name, definition) -> {
            if (!(definition instanceof MapNode service) || !service.has("extends")) {
                resolved.put(name, definition);
                return;
            }
            try {
                MapNode merged = run.service(source, name, List.of());
                resolved.put(name, ComposeMerger.carryTags(service.without("extends"), merged));
            } catch (ComposeException e) {
                problems.addAll(e.problems());
                resolved.put(name, definition);
            }
        });
        if (!problems.isEmpty()) {
            throw new ComposeException(new ArrayList<>(problems));
        }
        return file.with("services", services.get().withEntries(resolved));
    }

    /** One compose file taking part in a resolution: where it is, its tree, and where its relative paths start. */
    private record SourceFile(Path path, MapNode tree, Path dir) {

        Optional<Node> service(String name) {
            return tree.map("services").flatMap(s -> s.get(name));
        }

        String label() {
            return path.getFileName() == null ? path.toString() : path.getFileName().toString();
        }
    }

    private record ServiceRef(Path file, String service) {
    }

    /** The state of one {@link #resolve} call: files read so far and services already resolved. */
    private final class Run {

        private final Map<Path, SourceFile> files = new HashMap<>();
        private final Map<ServiceRef, MapNode> done = new HashMap<>();

        MapNode service(SourceFile source, String name, List<ServiceRef> chain) {
            ServiceRef ref = new ServiceRef(source.path, name);
            MapNode definition = source.service(name).filter(MapNode.class::isInstance).map(MapNode.class::cast)
                    .orElse(MapNode.empty());
            if (chain.contains(ref)) {
                throw cycle(definition, chain, ref);
            }
            MapNode cached = done.get(ref);
            if (cached != null) {
                return cached;
            }
            Node extendsNode = definition.get("extends").orElse(null);
            if (extendsNode == null) {
                return definition;
            }
            String path = "services." + name + ".extends";
            Target target = target(extendsNode, name, path, source);
            SourceFile targetFile = target.file() == null ? source : file(target.file(), extendsNode, path, source);
            if (targetFile.service(target.service()).isEmpty()) {
                throw error(extendsNode, path, target.service(), "cannot extend service \"" + name
                        + "\": service \"" + target.service() + "\" not found in " + targetFile.path,
                        "name a service defined in " + targetFile.label());
            }
            List<ServiceRef> next = new ArrayList<>(chain);
            next.add(ref);
            MapNode base = service(targetFile, target.service(), next);
            if (!targetFile.path.equals(source.path)) {
                base = PathRebaser.rebaseService(base, targetFile.path.getParent());
            }
            MapNode merged = ComposeMerger.mergeService(base.without("extends"), definition.without("extends"));
            done.put(ref, merged);
            return merged;
        }

        private SourceFile file(String relative, Node at, String path, SourceFile from) {
            Path file = from.dir.resolve(relative).toAbsolutePath().normalize();
            SourceFile known = files.get(file);
            if (known != null) {
                return known;
            }
            if (!Files.isRegularFile(file)) {
                throw error(at, path + ".file", relative, "extends file " + file + " not found",
                        "fix the path; it is relative to the directory of " + from.label());
            }
            SourceFile loaded = new SourceFile(file, loader.load(file), file.getParent());
            files.put(file, loaded);
            return loaded;
        }

        private ComposeException cycle(Node at, List<ServiceRef> chain, ServiceRef repeated) {
            List<ServiceRef> loop = new ArrayList<>(chain.subList(chain.indexOf(repeated), chain.size()));
            loop.add(repeated);
            String text = loop.stream().map(r -> r.service() + " (" + r.file().getFileName() + ")")
                    .collect(Collectors.joining(" extends "));
            Node where = at instanceof MapNode m ? m.get("extends").orElse(at) : at;
            return error(where, "services." + repeated.service() + ".extends", repeated.service(),
                    "circular reference: " + text, "break the cycle: a service cannot extend itself, even indirectly");
        }
    }

    private record Target(String service, String file) {
    }

    private static Target target(Node extendsNode, String name, String path, SourceFile source) {
        if (extendsNode instanceof ScalarNode s && s.isString() && !s.text().isEmpty()) {
            return new Target(s.text(), null);
        }
        if (extendsNode instanceof MapNode map) {
            Optional<String> service = map.text("service").filter(t -> !t.isEmpty());
            if (service.isEmpty()) {
                throw error(extendsNode, path + ".service", "", "extends." + name + ".service is required",
                        "add `service: <name>` to the extends of " + name);
            }
            return new Target(service.get(), map.text("file").filter(t -> !t.isEmpty()).orElse(null));
        }
        throw error(extendsNode, path, extendsNode.describe(), "extends must be a service name or a mapping "
                + "{service, file}", "write `extends: base` or `extends: {service: base, file: other.yaml}`");
    }

    private static ComposeException error(Node at, String path, String value, String message, String hint) {
        return new ComposeException(Problem.error(at.location(), path, value, message, RULE, hint));
    }
}
