package dev.berth.runtime.fake;

import dev.berth.runtime.ContainerArchive;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PathStat;
import dev.berth.runtime.RuntimeOperationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The file tree of one fake container, for {@code cp}: absolute normalised paths to entries. Symbolic links are
 * followed within this tree only, as a real runtime resolves them inside the container's root. Guarded by the
 * owning runtime's lock.
 */
final class FakeFiles {
  private static final int MAX_LINKS = 40;

  private record Entry(PathStat.Kind kind, byte[] content, int permissions, Instant modified, String linkTarget,
      Owner owner) {}

  /** Numeric owner of an entry: root for the image's files, the archive's for copied ones. */
  private record Owner(int uid, int gid) {
    static final Owner ROOT = new Owner(0, 0);
  }

  private final Map<String, Entry> entries = new TreeMap<>();

  /** A tree with {@code /}, {@code /tmp}, {@code /etc} and {@code /etc/hostname}, as a minimal image has. */
  FakeFiles(String hostname, Instant now) {
    entries.put("/", directory(0755, now));
    entries.put("/tmp", directory(01777, now));
    entries.put("/etc", directory(0755, now));
    entries.put("/etc/hostname", new Entry(PathStat.Kind.FILE, (hostname + "\n").getBytes(StandardCharsets.UTF_8),
        0644, now, "", Owner.ROOT));
  }

  /** Extracts {@code tar} into {@code dir}; entries get the archive's uid and gid. */
  void extract(String container, String dir, InputStream tar) {
    String op = "copy to container";
    String target = resolve(op, container, dir, true);
    if (entries.get(target).kind() != PathStat.Kind.DIRECTORY) {
      throw new NotFoundException(op, container, dir + " is not a directory; copy into a directory");
    }
    Map<String, Entry> staged = new TreeMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        String path = child(target, relative(op, container, e.getName()));
        Instant modified = e.getModTime().toInstant();
        int mode = e.getMode() & 07777;
        Owner owner = new Owner((int) e.getLongUserId(), (int) e.getLongGroupId());
        if (e.isDirectory()) {
          staged.put(path, new Entry(PathStat.Kind.DIRECTORY, new byte[0], mode, modified, "", owner));
        } else if (e.isSymbolicLink()) {
          staged.put(path, new Entry(PathStat.Kind.SYMLINK, new byte[0], 0777, modified, e.getLinkName(), owner));
        } else if (e.isFile()) {
          staged.put(path, new Entry(PathStat.Kind.FILE, in.readAllBytes(), mode, modified, "", owner));
        }
      }
    } catch (IOException ex) {
      throw new RuntimeOperationException(op, container, "the tar stream is not readable: " + ex.getMessage(), ex);
    }
    for (String path : staged.keySet()) {
      String parent = parent(path);
      if (!staged.containsKey(parent) && !isDirectory(parent)) {
        throw new NotFoundException(op, container, "the archive writes " + path + " but " + parent
            + " is not a directory; add the directory to the archive");
      }
    }
    entries.putAll(staged); // all or nothing: a bad archive leaves the tree as it was
  }

  ContainerArchive archive(String container, String path) {
    String op = "copy from container";
    String resolved = resolve(op, container, path, false);
    Entry root = entries.get(resolved);
    String name = resolved.equals("/") ? "/" : resolved.substring(resolved.lastIndexOf('/') + 1);
    PathStat stat = new PathStat(name, root.content().length, root.kind(), root.permissions(), root.modified(),
        root.linkTarget());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      String tarRoot = resolved.equals("/") ? "." : name;
      write(out, tarRoot, root);
      if (root.kind() == PathStat.Kind.DIRECTORY) {
        String prefix = resolved.equals("/") ? "/" : resolved + "/";
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
          if (e.getKey().startsWith(prefix) && !e.getKey().equals(resolved)) {
            write(out, tarRoot + "/" + e.getKey().substring(prefix.length()), e.getValue());
          }
        }
      }
    } catch (IOException e) {
      throw new RuntimeOperationException(op, container, e.getMessage(), e);
    }
    return new ContainerArchive(stat, new ByteArrayInputStream(bytes.toByteArray()));
  }

  private static void write(TarArchiveOutputStream out, String name, Entry entry) throws IOException {
    TarArchiveEntry tar;
    if (entry.kind() == PathStat.Kind.SYMLINK) {
      tar = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
      tar.setLinkName(entry.linkTarget());
    } else {
      tar = new TarArchiveEntry(entry.kind() == PathStat.Kind.DIRECTORY ? name + "/" : name);
      tar.setSize(entry.content().length);
    }
    tar.setMode((entry.kind() == PathStat.Kind.DIRECTORY ? 040000 : entry.kind() == PathStat.Kind.SYMLINK
        ? 0120000 : 0100000) | entry.permissions());
    tar.setModTime(entry.modified().toEpochMilli());
    tar.setUserId(entry.owner().uid());
    tar.setGroupId(entry.owner().gid());
    out.putArchiveEntry(tar);
    out.write(entry.content());
    out.closeArchiveEntry();
  }

  /**
   * The tree path {@code path} names, following links in every component (and in the last one when
   * {@code followLast}), never above {@code /}.
   */
  private String resolve(String op, String container, String path, boolean followLast) {
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
      String current = "/" + String.join("/", resolved);
      Entry e = entries.get(current);
      if (e == null) {
        throw new NotFoundException(op, container, "no such file or directory: " + path);
      }
      if (e.kind() == PathStat.Kind.SYMLINK && (followLast || !pending.isEmpty())) {
        if (++links > MAX_LINKS) {
          throw new NotFoundException(op, container, "too many levels of symbolic links: " + path);
        }
        resolved.remove(resolved.size() - 1);
        if (e.linkTarget().startsWith("/")) {
          resolved.clear();
        }
        List<String> target = components(e.linkTarget());
        for (int i = target.size() - 1; i >= 0; i--) {
          pending.addFirst(target.get(i));
        }
      }
    }
    return "/" + String.join("/", resolved);
  }

  private static List<String> components(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty() && !p.equals(".")) {
        parts.add(p);
      }
    }
    return parts;
  }

  /** An archive entry's name, refused when it would climb out of the target directory. */
  private static String relative(String op, String container, String name) {
    List<String> parts = components(name);
    if (parts.contains("..")) {
      throw new RuntimeOperationException(op, container, "archive entry " + name
          + " climbs out of the target directory; entries must stay inside it");
    }
    return String.join("/", parts);
  }

  private boolean isDirectory(String path) {
    Entry e = entries.get(path);
    return e != null && e.kind() == PathStat.Kind.DIRECTORY;
  }

  private static String child(String dir, String relative) {
    if (relative.isEmpty()) {
      return dir;
    }
    return dir.equals("/") ? "/" + relative : dir + "/" + relative;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static Entry directory(int permissions, Instant modified) {
    return new Entry(PathStat.Kind.DIRECTORY, new byte[0], permissions, modified, "", Owner.ROOT);
  }
}
