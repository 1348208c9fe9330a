package dev.berth.model.include;

import dev.berth.model.extend.ExtendsResolver;
import dev.berth.model.merge.ComposeMerger;
import dev.berth.model.tree.MapNode;
import dev.berth.model.yaml.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small stand-in for the loader pipeline, without interpolation: read each file, resolve its includes (through
 * the same resolver, as the real pipeline must) and extends, merge the files. Records what it was asked to load.
 */
final class FakeProjectLoader implements IncludedProjectLoader {

    record Request(List<Path> files, Path projectDirectory, List<Path> envFiles) {
    }

    final List<Request> requests = new ArrayList<>();
    IncludeResolver resolver;

    FakeProjectLoader() {
        this.resolver = new IncludeResolver(this);
    }

    static MapNode read(Path file) {
        try {
            return (MapNode) YamlReader.read(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pipeline for one project: per file include, extends; then merge. */
    MapNode project(List<Path> files, Path projectDirectory) {
        List<MapNode> trees = new ArrayList<>();
        for (Path file : files) {
            MapNode tree = resolver.resolve(read(file), file, projectDirectory);
            tree = new ExtendsResolver(FakeProjectLoader::read).resolve(tree, file, projectDirectory);
            trees.add(tree);
        }
        return ComposeMerger.mergeAll(trees);
    }

    @Override
    public MapNode load(List<Path> files, Path projectDirectory, List<Path> envFiles) {
        requests.add(new Request(files, projectDirectory, envFiles));
        return project(files, projectDirectory);
    }
}
