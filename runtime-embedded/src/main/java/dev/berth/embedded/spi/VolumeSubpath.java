package dev.berth.embedded.spi;

import dev.berth.runtime.NotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A volume's {@code subpath}: a relative path inside the volume, resolved one name at a time without following
 * symbolic links, so that it cannot lead out of the volume.
 */
final class VolumeSubpath {
    private VolumeSubpath() {
    }

    /**
     * The host path of {@code subpath} inside {@code data} (the volume's data directory). Refused with an
     * {@link IllegalArgumentException} when absolute, containing {@code ..} or passing a symbolic link; a
     * missing path gives a {@link NotFoundException} naming it.
     */
    static Path resolve(String volume, Path data, String subpath) {
        if (subpath.startsWith("/")) {
            throw new IllegalArgumentException("volume " + volume + ": subpath '" + subpath + "' must be relative to"
                    + " the volume (drop the leading /)");
        }
        Path at = data;
        for (String name : subpath.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                throw new IllegalArgumentException("volume " + volume + ": subpath '" + subpath + "' must stay"
                        + " inside the volume ('..' is not allowed)");
            }
            at = at.resolve(name);
            if (Files.isSymbolicLink(at)) {
                throw new IllegalArgumentException("volume " + volume + ": subpath '" + subpath + "' passes the"
                        + " symbolic link " + data.relativize(at) + ", which could lead out of the volume; name the"
                        + " real directory");
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotFoundException("create container", volume, "cannot access path " + at + ": no such"
                        + " file or directory (subpath '" + subpath + "' of volume " + volume + "; create it in the"
                        + " volume first)");
            }
        }
        return at;
    }
}
