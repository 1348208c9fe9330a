package dev.berth.cli.server;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The server's directory: created with mode 0700, or, when it exists, accepted only if it is a real directory of
 * this user that nobody else can enter. Otherwise another user could have prepared it to intercept requests (which
 * carry the caller's environment) or to run a server of their own under our socket name.
 */
final class SecureDirectory {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private SecureDirectory() {
    }

    /** @throws IOException naming the directory, what is wrong and what to do */
    static void prepare(Path dir, int uid) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(dir, OWNER_ONLY); // the umask may have narrowed it further, never widened
        } catch (FileAlreadyExistsException e) {
            check(dir, uid);
        }
    }

    static void check(Path dir, int uid) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory (a link, or a file); remove it so that berth can"
                    + " create its own");
        }
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != uid) {
            throw new IOException(dir + " belongs to uid " + owner + ", not to this user (" + uid + "); remove it,"
                    + " or set XDG_RUNTIME_DIR to a directory of your own");
        }
        int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & 0077) != 0) {
            throw new IOException(dir + " has mode " + Integer.toOctalString(mode & 0777) + ": others can enter it;"
                    + " chmod 700 " + dir);
        }
    }
}
