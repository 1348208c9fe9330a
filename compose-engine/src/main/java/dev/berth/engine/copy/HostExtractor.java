package dev.berth.engine.copy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a tar stream copied out of a container onto the host, inside one directory only. The stream is first
 * kept in a temporary file and checked as a whole: an entry named absolutely or with {@code ..}, a hard link that
 * points outside, an entry that would be written through a symbolic link, or one that would replace a directory
 * with a file (or the other way round) refuses the copy before anything is written. Permission bits and
 * modification times are kept; ownership is the caller's, as with {@code docker cp}.
 */
final class HostExtractor {
    private HostExtractor() {
    }

    private enum Kind { DIRECTORY, FILE, SYMLINK, HARDLINK }

    private record Planned(String name, Kind kind, int mode, FileTime modified, String linkName) {
    }

    /** Extracts {@code tar} into the existing directory {@code directory}, naming entries by {@code naming}. */
    static void extract(InputStream tar, Path directory, EntryNaming naming) {
        if (!Files.isDirectory(directory)) {
            throw new CopyException("destination directory " + directory + " does not exist; create it first");
        }
        Path spool = null;
        try {
            spool = Files.createTempFile("berth-cp-", ".tar");
            Files.copy(tar, spool, StandardCopyOption.REPLACE_EXISTING);
            List<Planned> plan = check(spool, directory, naming);
            write(spool, directory, naming, plan);
        } catch (IOException e) {
            throw new CopyException("cannot copy into " + directory + ": " + e.getMessage(), e);
        } finally {
            if (spool != null) {
                spool.toFile().delete();
            }
        }
    }

    /** Every entry's landing name and kind, or the first rule it breaks. */
    private static List<Planned> check(Path spool, Path directory, EntryNaming naming) throws IOException {
        List<Planned> plan = new ArrayList<>();
        Map<String, Kind> planned = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(spool))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                String entryName = e.getName();
                Optional<String> named = naming.apply(checkedName(entryName));
                if (named.isEmpty()) {
                    continue;
                }
                String name = checkedName(named.get());
                Kind kind = kind(e);
                String linkName = "";
                if (kind == Kind.HARDLINK) {
                    linkName = checkedName(naming.apply(checkedName(e.getLinkName())).orElseThrow(() ->
                            new CopyException("hard link " + entryName + " points at an entry outside the copy")));
                    checkNoLinkOnTheWay(directory, linkName, planned);
                } else if (kind == Kind.SYMLINK) {
                    linkName = e.getLinkName();
                }
                checkNoLinkOnTheWay(directory, name, planned);
                checkNoTypeClash(directory, name, kind, planned);
                planned.put(name, kind);
                plan.add(new Planned(name, kind, e.getMode() & 07777, e.getLastModifiedTime(), linkName));
            }
        }
        return plan;
    }

    private static Kind kind(TarArchiveEntry e) {
        if (e.isDirectory()) {
            return Kind.DIRECTORY;
        }
        if (e.isSymbolicLink()) {
            return Kind.SYMLINK;
        }
        if (e.isLink()) {
            return Kind.HARDLINK;
        }
        if (e.isFile()) {
            return Kind.FILE;
        }
        throw new CopyException("archive entry " + e.getName() + " is a device or pipe; only files, directories "
                + "and links are copied to the host");
    }

    /** A relative name without {@code ..}; refused otherwise, as it could land outside the destination. */
    private static String checkedName(String name) {
        if (name.startsWith("/")) {
            throw new CopyException("archive entry " + name + " is absolute; entries must stay inside the "
                    + "destination directory");
        }
        String clean = CopyPaths.clean(name);
        for (String part : clean.split("/")) {
            if (part.equals("..")) {
                throw new CopyException("archive entry " + name + " climbs out with ..; entries must stay inside "
                        + "the destination directory");
            }
        }
        return clean;
    }

    /** No directory on the way to {@code name} may be a symbolic link, on disk or earlier in the archive. */
    private static void checkNoLinkOnTheWay(Path directory, String name, Map<String, Kind> planned) {
        String[] parts = name.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            prefix.append(i == 0 ? "" : "/").append(parts[i]);
            Kind earlier = planned.get(prefix.toString());
            boolean link = earlier != null ? earlier == Kind.SYMLINK
                    : Files.isSymbolicLink(directory.resolve(prefix.toString()));
            if (link) {
                throw new CopyException("archive entry " + name + " would be written through the symbolic link "
                        + directory.resolve(prefix.toString()) + "; refusing to follow links while copying");
            }
        }
    }

    private static void checkNoTypeClash(Path directory, String name, Kind kind, Map<String, Kind> planned) {
        Kind earlier = planned.get(name);
        Path target = directory.resolve(name);
        boolean existingDirectory = earlier != null ? earlier == Kind.DIRECTORY
                : Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        boolean existingOther = earlier != null ? earlier != Kind.DIRECTORY
                : Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !existingDirectory;
        if (kind == Kind.DIRECTORY && existingOther) {
            throw new CopyException("cannot replace the file " + target + " with a directory; remove it first");
        }
        if (kind != Kind.DIRECTORY && existingDirectory) {
            throw new CopyException("cannot replace the directory " + target + " with a file; remove it first");
        }
    }

    private static void write(Path spool, Path directory, EntryNaming naming, List<Planned> plan) throws IOException {
        List<Planned> directories = new ArrayList<>();
        int index = 0;
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(spool))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (naming.apply(CopyPaths.clean(e.getName())).isEmpty()) {
                    continue;
                }
                Planned p = plan.get(index++);
                Path target = directory.resolve(p.name());
                Files.createDirectories(target.getParent());
                switch (p.kind()) {
                    case DIRECTORY -> {
                        Files.createDirectories(target);
                        directories.add(p);
                    }
                    case FILE -> {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        Files.setAttribute(target, "unix:mode", p.mode());
                        Files.setLastModifiedTime(target, p.modified());
                    }
                    case SYMLINK -> {
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(p.linkName()));
                    }
                    case HARDLINK -> {
                        Files.deleteIfExists(target);
                        Files.createLink(target, directory.resolve(p.linkName()));
                    }
                }
            }
        }
        // directories last, deepest first: a read-only directory must not block what goes inside it
        for (int i = directories.size() - 1; i >= 0; i--) {
            Planned d = directories.get(i);
            Path target = directory.resolve(d.name());
            Files.setAttribute(target, "unix:mode", d.mode());
            Files.setLastModifiedTime(target, d.modified());
        }
    }
}
