package dev.berth.daemon.backing;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.runtime.PathStat;
import java.util.Base64;

/**
 * Docker's {@code X-Docker-Container-Path-Stat} header: base64 of the JSON {@code {name, size, mode, mtime,
 * linkTarget}}, where {@code mode} is a Go {@code os.FileMode} (permission bits plus type and special bits high up),
 * which the docker CLI reads to tell a directory or a link from a file.
 */
public final class PathStatHeader {
    public static final String NAME = "X-Docker-Container-Path-Stat";

    private static final long GO_MODE_DIR = 1L << 31;
    private static final long GO_MODE_SYMLINK = 1L << 27;
    private static final long GO_MODE_SETUID = 1L << 23;
    private static final long GO_MODE_SETGID = 1L << 22;
    private static final long GO_MODE_STICKY = 1L << 20;
    private static final long GO_MODE_IRREGULAR = 1L << 19;

    private PathStatHeader() {
    }

    public static String encode(PathStat stat) {
        var json = Json.object()
                .put("name", stat.name())
                .put("size", stat.size())
                .put("mode", goFileMode(stat))
                .put("mtime", stat.modified().toString())
                .put("linkTarget", stat.linkTarget());
        try {
            return Base64.getEncoder().encodeToString(Json.MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the path stat of " + stat.name(), e);
        }
    }

    /** The Go {@code os.FileMode} of a stat: Unix permission bits, Go's special bits and its type bit. */
    static long goFileMode(PathStat stat) {
        int unix = stat.permissions();
        long mode = unix & 0777;
        mode |= (unix & 04000) != 0 ? GO_MODE_SETUID : 0;
        mode |= (unix & 02000) != 0 ? GO_MODE_SETGID : 0;
        mode |= (unix & 01000) != 0 ? GO_MODE_STICKY : 0;
        return mode | switch (stat.kind()) {
            case DIRECTORY -> GO_MODE_DIR;
            case SYMLINK -> GO_MODE_SYMLINK;
            case OTHER -> GO_MODE_IRREGULAR;
            case FILE -> 0;
        };
    }
}
