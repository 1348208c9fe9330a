package dev.berth.docker;

import com.github.dockerjava.core.GoLangFileMatch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The build context as the Engine API's {@code /build} wants it: a tar of the context directory without what
 * {@code .dockerignore} excludes (its patterns in order, {@code !} re-includes; the Dockerfile and
 * {@code .dockerignore} are always sent, as the docker CLI does). An inline Dockerfile is added under
 * {@link #INLINE_DOCKERFILE}. Symbolic links are archived as links, never followed.
 */
final class BuildContextArchive {
  /** The name an inline Dockerfile gets in the archive. */
  static final String INLINE_DOCKERFILE = ".berth-inline.Dockerfile";

  private BuildContextArchive() {}

  /**
   * Writes the archive of {@code context} to {@code out}; {@code dockerfile} is relative to the context, and
   * {@code extras} are host files or directories added under their own names (not subject to .dockerignore).
   */
  static void write(Path context, String dockerfile, String inlineDockerfile, List<NamedContextFolding.Extra> extras,
      OutputStream out) throws IOException {
    List<String> patterns = ignorePatterns(context);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name())) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      List<Path> entries;
      try (Stream<Path> walk = Files.walk(context)) {
        entries = walk.filter(p -> !p.equals(context)).sorted().toList();
      }
      String dockerfileName = Path.of(dockerfile).normalize().toString();
      for (Path path : entries) {
        String name = context.relativize(path).toString();
        boolean always = name.equals(dockerfileName) || name.equals(".dockerignore");
        if (!always && excluded(patterns, name)) {
          continue;
        }
        add(tar, path, name);
      }
      for (NamedContextFolding.Extra extra : extras) {
        addTree(tar, extra.source(), extra.archiveName());
      }
      if (inlineDockerfile != null) {
        byte[] text = inlineDockerfile.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(INLINE_DOCKERFILE);
        entry.setSize(text.length);
        entry.setMode(0100644);
        tar.putArchiveEntry(entry);
        tar.write(text);
        tar.closeArchiveEntry();
      }
    }
  }

  /** The last matching pattern decides: a plain pattern excludes, a {@code !pattern} includes again. */
  static boolean excluded(List<String> patterns, String name) {
    boolean excluded = false;
    for (String raw : patterns) {
      boolean negated = raw.startsWith("!");
      String pattern = negated ? raw.substring(1) : raw;
      if (matches(pattern, name)) {
        excluded = !negated;
      }
    }
    return excluded;
  }

  /** A pattern matches the path itself or one of its parent directories. */
  private static boolean matches(String pattern, String name) {
    String candidate = name;
    while (true) {
      if (GoLangFileMatch.match(pattern, candidate)) {
        return true;
      }
      int slash = candidate.lastIndexOf('/');
      if (slash < 0) {
        return false;
      }
      candidate = candidate.substring(0, slash);
    }
  }

  static List<String> ignorePatterns(Path context) throws IOException {
    Path file = context.resolve(".dockerignore");
    List<String> patterns = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return patterns;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String l = line.trim();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      boolean negated = l.startsWith("!");
      String p = negated ? l.substring(1).trim() : l;
      p = Path.of(p.startsWith("/") ? p.substring(1) : p).normalize().toString();
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      patterns.add((negated ? "!" : "") + p);
    }
    return patterns;
  }

  /** Adds {@code root} as {@code name}, and everything below it when it is a directory. */
  private static void addTree(TarArchiveOutputStream tar, Path root, String name) throws IOException {
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(root)) {
      entries = walk.sorted().toList();
    }
    for (Path path : entries) {
      String relative = root.relativize(path).toString();
      add(tar, path, relative.isEmpty() ? name : name + "/" + relative);
    }
  }

  private static void add(TarArchiveOutputStream tar, Path path, String name) throws IOException {
    PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    TarArchiveEntry entry;
    if (attrs.isSymbolicLink()) {
      entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      entry.setLinkName(Files.readSymbolicLink(path).toString());
    } else if (attrs.isDirectory()) {
      entry = new TarArchiveEntry(name + "/");
    } else if (attrs.isRegularFile()) {
      entry = new TarArchiveEntry(name);
      entry.setSize(attrs.size());
    } else {
      return; // sockets, fifos, devices are not part of a build context
    }
    entry.setMode((entry.isDirectory() ? 040000 : entry.isSymbolicLink() ? 0120000 : 0100000) | mode);
    entry.setModTime(attrs.lastModifiedTime().toMillis());
    entry.setUserId((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    entry.setGroupId((Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    tar.putArchiveEntry(entry);
    if (attrs.isRegularFile()) {
      Files.copy(path, tar);
    }
    tar.closeArchiveEntry();
  }
}
