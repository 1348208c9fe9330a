package dev.berth.embedded.files;

import dev.berth.embedded.oci.ContainerConfig.BindMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * A container's file system as the container sees it, from the host: the root file system plus bind mounts (volumes
 * are binds of their data directories). Paths are resolved the way the kernel would inside the container, so that a
 * symbolic link never leads outside it: absolute targets start again at the container's root, and {@code ..} stops
 * there.
 */
public record ContainerRoot(String container, Path rootfs, List<BindMount> binds) {
    private static final int MAX_LINKS = 40;

    /** Where a container path lives on the host, and whether a read-only mount covers it. */
    public record Location(Path host, boolean readOnly) {
    }

    public ContainerRoot {
        binds = binds.stream().sorted(Comparator.comparingInt((BindMount b) -> normalise(b.target()).length())
                .reversed()).toList();
    }

    /**
     * The canonical container path of {@code path} (absolute, no {@code .}, {@code ..} or links), following links
     * in every component and, with {@code followLast}, in the last one.
     *
     * @throws ContainerPathException when a component does not exist
     */
    public String resolve(String path, boolean followLast) {
        Deque<String> pending = new ArrayDeque<>(components(path));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.removeFirst();
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            resolved.add(part);
            Path host = locate(join(resolved)).host();
            if (!Files.exists(host, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new ContainerPathException("no such file or directory in container " + container + ": "
                        + path);
            }
            if (Files.isSymbolicLink(host) && (followLast || !pending.isEmpty())) {
                if (++links > MAX_LINKS) {
                    throw new ContainerPathException("too many levels of symbolic links in container " + container
                            + ": " + path);
                }
                String target;
                try {
                    target = Files.readSymbolicLink(host).toString();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                resolved.remove(resolved.size() - 1);
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> parts = components(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.addFirst(parts.get(i));
                }
            }
        }
        return join(resolved);
    }

    /**
     * The host location of a canonical container path: inside the bind mount that covers it, else the rootfs. Empty
     * and {@code .} components are dropped first (so {@code //run} is {@code /run} of the container, never the
     * host's); a {@code ..} component is refused, since only {@link #resolve} may interpret it.
     */
    public Location locate(String path) {
        List<String> parts = components(path);
        if (parts.contains("..")) {
            throw new IllegalArgumentException("not a canonical container path: " + path);
        }
        String canonical = join(parts);
        for (BindMount b : binds) {
            String target = normalise(b.target());
            if (canonical.equals(target) || canonical.startsWith(target.equals("/") ? "/" : target + "/")) {
                String rest = canonical.substring(target.length()).replaceFirst("^/", "");
                Path source = Path.of(b.source());
                return new Location(rest.isEmpty() ? source : source.resolve(rest), b.readOnly());
            }
        }
        String rest = canonical.replaceFirst("^/", "");
        return new Location(rest.isEmpty() ? rootfs : rootfs.resolve(rest), false);
    }

    static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return parts;
    }

    private static String join(List<String> parts) {
        return "/" + String.join("/", parts);
    }

    private static String normalise(String path) {
        return join(components(path));
    }
}
