package dev.berth.embedded.build;

import dev.berth.embedded.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

/**
 * A content digest of a build context as the builder sees it (names, types, modes, link targets and file contents,
 * .dockerignore applied, mtimes ignored). Callers record it as an image label to notice a changed context later.
 */
public final class ContextDigest {
    /** The label Berth records the digest under. */
    public static final String LABEL = "dev.berth.build.context-digest";

    private ContextDigest() {
    }

    public static String of(Path context, DockerIgnore ignore) {
        MessageDigest sha = Digest.newSha256();
        try {
            add(sha, context, context, ignore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "sha256:" + java.util.HexFormat.of().formatHex(sha.digest());
    }

    private static void add(MessageDigest sha, Path base, Path dir, DockerIgnore ignore) throws IOException {
        List<Path> children;
        try (var list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            String rel = base.relativize(child).toString();
            boolean excluded = ignore.excludes(rel);
            boolean isDir = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
            if (!excluded) {
                int mode = (Integer) Files.getAttribute(child, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                sha.update((rel + " " + Integer.toOctalString(mode) + "\n").getBytes(StandardCharsets.UTF_8));
                if (Files.isSymbolicLink(child)) {
                    sha.update(Files.readSymbolicLink(child).toString().getBytes(StandardCharsets.UTF_8));
                } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                    try (InputStream in = Files.newInputStream(child)) {
                        byte[] buffer = new byte[65536];
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            sha.update(buffer, 0, n);
                        }
                    }
                }
            }
            if (isDir && (!excluded || ignore.hasExceptions())) {
                add(sha, base, child, ignore);
            }
        }
    }
}
