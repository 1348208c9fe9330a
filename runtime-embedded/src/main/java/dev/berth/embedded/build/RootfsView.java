package dev.berth.embedded.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Read-only lookups in an image's unpacked layers without mounting: the topmost layer holding a path wins, a
 * whiteout (0/0 character device) hides it. Used to decide COPY destinations and to resolve user names.
 */
final class RootfsView {
    private final List<Path> topFirst;

    RootfsView(List<Path> layersBottomFirst) {
        List<Path> list = new ArrayList<>(layersBottomFirst);
        Collections.reverse(list);
        this.topFirst = List.copyOf(list);
    }

    /** The file holding {@code absolutePath} in the topmost layer, if the path exists. Symlinks are not followed. */
    Optional<Path> find(String absolutePath) {
        String rel = DockerIgnore.clean(absolutePath);
        if (rel.isEmpty()) {
            return topFirst.isEmpty() ? Optional.empty() : Optional.of(topFirst.get(0));
        }
        for (Path layer : topFirst) {
            Path candidate = layer.resolve(rel);
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return isWhiteout(candidate) ? Optional.empty() : Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    boolean isDirectory(String absolutePath) {
        return find(absolutePath).filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).isPresent();
    }

    Optional<String> read(String absolutePath) {
        return find(absolutePath).filter(Files::isRegularFile).map(p -> {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static boolean isWhiteout(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & 0170000) == 0020000 && ((Long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS)) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
