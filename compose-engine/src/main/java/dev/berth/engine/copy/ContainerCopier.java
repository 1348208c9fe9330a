package dev.berth.engine.copy;

import dev.berth.runtime.ContainerArchive;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PathStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker cp} between the host and containers on any runtime: reads what is at the source and the
 * destination, applies the destination rules ({@link Landing#of}), and moves one tar stream. Host paths are
 * resolved against the working directory; container paths are absolute.
 */
public final class ContainerCopier {
    private static final int MAX_LINKS = 10;

    private final ContainerRuntime runtime;

    public ContainerCopier(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    /** Copies the host path {@code source} to {@code destination} in every one of {@code containers}. */
    public void toContainers(List<ContainerId> containers, String source, String destination, CopyOptions options) {
        Path host = Path.of(CopyPaths.clean(source)).toAbsolutePath().normalize();
        HostSource what = HostSource.read(source, host, options.followLink());
        Map<Landing, List<ContainerId>> byLanding = new LinkedHashMap<>();
        for (ContainerId id : containers) {
            Landing landing = Landing.of(what.source(), containerDestination(id, destination));
            byLanding.computeIfAbsent(landing, l -> new ArrayList<>()).add(id);
        }
        for (Map.Entry<Landing, List<ContainerId>> entry : byLanding.entrySet()) {
            Landing landing = entry.getKey();
            Path spool = spool(out -> HostArchiver.archive(what.path(), what.source().archiveTop(), landing.naming(),
                    options.keepOwnership(), out));
            try {
                for (ContainerId id : entry.getValue()) {
                    try (InputStream tar = Files.newInputStream(spool)) {
                        runtime.copyToContainer(id, Path.of(landing.directory()), tar);
                    }
                }
            } catch (IOException e) {
                throw new CopyException("cannot read the archive of " + source + ": " + e.getMessage(), e);
            } finally {
                spool.toFile().delete();
            }
        }
    }

    /** Extracts the tar stream {@code tar} into the existing directory {@code destination} of every container. */
    public void tarToContainers(List<ContainerId> containers, InputStream tar, String destination) {
        Map<ContainerId, String> directories = new LinkedHashMap<>();
        for (ContainerId id : containers) {
            CopyDestination d = containerDestination(id, destination);
            if (!d.exists() || !d.directory()) {
                throw new CopyException("destination " + destination + " must be an existing directory when the "
                        + "source is a tar stream on standard input");
            }
            directories.put(id, CopyPaths.clean(d.path()));
        }
        Path spool = spool(tar::transferTo);
        try {
            for (Map.Entry<ContainerId, String> entry : directories.entrySet()) {
                try (InputStream in = Files.newInputStream(spool)) {
                    runtime.copyToContainer(entry.getKey(), Path.of(entry.getValue()), in);
                }
            }
        } catch (IOException e) {
            throw new CopyException("cannot read the tar stream from standard input: " + e.getMessage(), e);
        } finally {
            spool.toFile().delete();
        }
    }

    /** Copies {@code source} of the container to the host path {@code destination}. */
    public void fromContainer(ContainerId id, String source, String destination, CopyOptions options) {
        ContainerSource from = containerSource(id, source, options.followLink());
        try (ContainerArchive archive = runtime.copyFromContainer(id, Path.of(from.path()))) {
            PathStat stat = archive.stat();
            if (CopyPaths.assertsDirectory(source) && !stat.isDirectory()) {
                throw new CopyException(source + " is not a directory in the container; drop the trailing /");
            }
            String top = stat.name().equals("/") ? "." : stat.name();
            String name = from.name().orElse(top);
            CopySource copied = new CopySource(top, name, stat.isDirectory(), CopyPaths.contentsOnly(source));
            Landing landing = Landing.of(copied, HostDestination.read(destination));
            HostExtractor.extract(archive.tar(), Path.of(landing.directory()), landing.naming());
        }
    }

    /** Writes {@code source} of the container to {@code out} as a tar stream, as {@code docker cp SRC -} does. */
    public void fromContainerAsTar(ContainerId id, String source, OutputStream out, CopyOptions options) {
        ContainerSource from = containerSource(id, source, options.followLink());
        try (ContainerArchive archive = runtime.copyFromContainer(id, Path.of(from.path()))) {
            archive.tar().transferTo(out);
            out.flush();
        } catch (IOException e) {
            throw new CopyException("cannot write the archive of " + source + ": " + e.getMessage(), e);
        }
    }

    /** The path to archive, and the name it lands under when {@code -L} followed a link to another name. */
    private record ContainerSource(String path, Optional<String> name) {
    }

    private ContainerSource containerSource(ContainerId id, String source, boolean followLink) {
        String path = CopyPaths.clean(absolute(source));
        if (!followLink) {
            return new ContainerSource(path, Optional.empty());
        }
        String name = CopyPaths.base(path);
        for (int i = 0; i < MAX_LINKS; i++) {
            PathStat stat = stat(id, path).orElseThrow(() -> new NotFoundException("copy from container",
                    id.value(), "no such file or directory: " + source));
            if (stat.kind() != PathStat.Kind.SYMLINK) {
                return new ContainerSource(path, Optional.of(name));
            }
            path = CopyPaths.resolveLink(path, stat.linkTarget());
        }
        throw new CopyException("too many levels of symbolic links from " + source + " in the container");
    }

    /** What is at {@code destination} in the container; a link there stands for its target. */
    private CopyDestination containerDestination(ContainerId id, String destination) {
        String path = absolute(destination);
        Optional<PathStat> stat = stat(id, path);
        for (int i = 0; stat.isPresent() && stat.get().kind() == PathStat.Kind.SYMLINK; i++) {
            if (i == MAX_LINKS) {
                throw new CopyException("too many levels of symbolic links at " + destination + " in the container");
            }
            path = CopyPaths.resolveLink(path, stat.get().linkTarget());
            stat = stat(id, path);
        }
        if (stat.isPresent() && stat.get().kind() == PathStat.Kind.OTHER) {
            throw new CopyException("destination " + destination + " must be a directory or a regular file");
        }
        return new CopyDestination(path, stat.isPresent(), stat.map(PathStat::isDirectory).orElse(false));
    }

    private Optional<PathStat> stat(ContainerId id, String path) {
        try {
            return Optional.of(runtime.statPath(id, Path.of(CopyPaths.clean(path))));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static String absolute(String containerPath) {
        return containerPath.startsWith("/") ? containerPath : "/" + containerPath;
    }

    private interface TarWriter {
        void write(OutputStream out) throws IOException;
    }

    private static Path spool(TarWriter writer) {
        Path spool = null;
        try {
            spool = Files.createTempFile("berth-cp-", ".tar");
            try (OutputStream out = Files.newOutputStream(spool)) {
                writer.write(out);
            }
            return spool;
        } catch (IOException | RuntimeException e) {
            if (spool != null) {
                spool.toFile().delete();
            }
            if (e instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw new CopyException("cannot write a temporary archive: " + e.getMessage(), e);
        }
    }
}
