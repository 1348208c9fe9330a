package dev.berth.daemon.api;

import dev.berth.daemon.backing.ContainerPaths;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.PathStatHeader;
import dev.berth.embedded.files.ContainerPathException;
import dev.berth.runtime.ContainerArchive;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PathStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code docker cp}: {@code GET archive} answers the path as a tar with its stat in
 * {@value PathStatHeader#NAME}, {@code HEAD archive} the stat alone, and {@code PUT archive} extracts a tar into a
 * directory of the container, running or not. Paths are resolved inside the container root by the embedded engine.
 * Errors are dockerd's: 404 for a missing container or path, 400 for an extraction point that is not a directory or
 * an archive that cannot be extracted there, 409 for a read-only target.
 */
final class ArchiveHandler {
    private final EngineBacking backing;
    private final ContainerPaths paths;

    ArchiveHandler(EngineBacking backing) {
        this.backing = backing;
        this.paths = new ContainerPaths(backing.engine());
    }

    void register(Router r) {
        r.on("GET", "/containers/{}/archive", this::read) // HEAD is routed here too
                .on("PUT", "/containers/{}/archive", this::extract);
    }

    private void read(ApiCall call) throws IOException {
        ContainerId id = backing.runtime().inspect(ContainerId.of(call.path(0))).id();
        String path = requiredPath(call);
        if (call.request().method().equals("HEAD")) {
            PathStat stat = inContainer(call, path, () -> paths.stat(id, path));
            call.exchange().respond(200, Map.of(PathStatHeader.NAME, PathStatHeader.encode(stat)), new byte[0]);
            return;
        }
        ContainerArchive archive;
        try {
            archive = backing.runtime().copyFromContainer(id, Path.of(path));
        } catch (NotFoundException e) {
            throw fileNotFound(call, path);
        }
        try (archive; OutputStream out = call.exchange().stream(200, Map.of("Content-Type", "application/x-tar",
                PathStatHeader.NAME, PathStatHeader.encode(archive.stat())))) {
            archive.tar().transferTo(out);
        }
    }

    /**
     * {@code noOverwriteDirNonDir} and {@code copyUIDGID} are accepted; a directory is never replaced by a
     * non-directory from the archive whatever the former says, and ownership always comes from the archive.
     */
    private void extract(ApiCall call) throws IOException {
        ContainerId id = backing.runtime().inspect(ContainerId.of(call.path(0))).id();
        String path = requiredPath(call);
        if (!inContainer(call, path, () -> paths.isDirectory(id, path))) {
            throw ApiException.badRequest("extraction point is not a directory: " + path + " in container "
                    + call.path(0) + " (copy into a directory)");
        }
        try (InputStream tar = call.request().body()) {
            backing.runtime().copyToContainer(id, Path.of(path), tar);
        } catch (NotFoundException e) {
            // the extraction point exists: what is missing is a directory for an entry of the archive
            throw ApiException.badRequest(e.getMessage());
        }
        call.exchange().respond(200, Map.of(), new byte[0]);
    }

    private static String requiredPath(ApiCall call) {
        return call.param("path").filter(p -> !p.isEmpty())
                .orElseThrow(() -> ApiException.badRequest("path: the path in the container is missing"));
    }

    private static <T> T inContainer(ApiCall call, String path, Supplier<T> action) {
        try {
            return action.get();
        } catch (ContainerPathException e) {
            throw fileNotFound(call, path);
        }
    }

    private static ApiException fileNotFound(ApiCall call, String path) {
        return ApiException.notFound("Could not find the file " + path + " in container " + call.path(0));
    }
}
