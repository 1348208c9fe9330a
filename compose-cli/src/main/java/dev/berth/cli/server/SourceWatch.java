package dev.berth.cli.server;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether berth's own sources changed since the server's jar was built, for a server the {@code ./berth} launcher
 * started from a checkout ({@code cli-server --sources DIR}). The launcher rebuilds when sources are newer than the
 * jar; with a server running it no longer scans the tree on every run, so the server watches it (inotify) instead
 * and refuses requests once something changed: the launcher then rebuilds and restarts it. Watched: every
 * {@code pom.xml}, the modules' {@code src/main} trees and {@code schemas/}, as the launcher's own check.
 */
final class SourceWatch {
    private final WatchService service;
    /** Directories where only pom.xml counts (the root and the modules); elsewhere every change counts. */
    private final Set<Path> pomOnly = new HashSet<>();
    private volatile boolean changed;

    private SourceWatch(WatchService service) {
        this.service = service;
    }

    /** Starts watching the checkout at {@code root}; sources already newer than {@code built} count as changed. */
    static SourceWatch start(Path root, FileTime built) throws IOException {
        SourceWatch watch = new SourceWatch(FileSystems.getDefault().newWatchService());
        List<Path> trees = new ArrayList<>();
        watch.register(root);
        watch.pomOnly.add(root);
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path module : modules) {
                if (Files.isRegularFile(module.resolve("pom.xml"))) {
                    watch.register(module);
                    watch.pomOnly.add(module);
                    watch.changed |= newerThan(module.resolve("pom.xml"), built);
                    trees.add(module.resolve("src").resolve("main"));
                }
            }
        }
        trees.add(root.resolve("schemas"));
        for (Path tree : trees) {
            if (Files.isDirectory(tree)) {
                watch.registerTree(tree);
                watch.changed |= newerThan(tree, built);
            }
        }
        watch.changed |= newerThan(root.resolve("pom.xml"), built);
        Thread thread = new Thread(watch::follow, "berth-cli-source-watch");
        thread.setDaemon(true);
        thread.start();
        return watch;
    }

    boolean changed() {
        return changed;
    }

    private void register(Path dir) throws IOException {
        dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void registerTree(Path tree) throws IOException {
        try (Stream<Path> dirs = Files.walk(tree).filter(Files::isDirectory)) {
            for (Path dir : dirs.toList()) {
                register(dir);
            }
        }
    }

    private static boolean newerThan(Path path, FileTime built) throws IOException {
        if (!Files.exists(path)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> {
                try {
                    return Files.getLastModifiedTime(file).compareTo(built) > 0;
                } catch (IOException e) {
                    return true;
                }
            });
        }
    }

    /** Marks the sources changed on any event in a source tree, or on a pom.xml in the root or a module. */
    private void follow() {
        try {
            while (!changed) {
                WatchKey key = service.take();
                boolean onlyPom = pomOnly.contains((Path) key.watchable());
                for (WatchEvent<?> event : key.pollEvents()) {
                    boolean pom = event.context() instanceof Path name && name.toString().equals("pom.xml");
                    changed |= !onlyPom || pom || event.kind() == StandardWatchEventKinds.OVERFLOW;
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            changed = true; // cannot tell any more: the launcher's own check decides
        } finally {
            try {
                service.close();
            } catch (IOException e) {
                // nothing is watched any more either way
            }
        }
    }
}
