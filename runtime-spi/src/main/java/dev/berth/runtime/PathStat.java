package dev.berth.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * What a path in a container is, as Docker's archive API reports it in {@code X-Docker-Container-Path-Stat}: its
 * base name, size, kind, permission bits ({@code 07777}), modification time and, for a symbolic link, its target.
 */
public record PathStat(String name, long size, Kind kind, int permissions, Instant modified, String linkTarget) {

  /** The kind of file. */
  public enum Kind { FILE, DIRECTORY, SYMLINK, OTHER }

  public PathStat {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(modified, "modified");
    Objects.requireNonNull(linkTarget, "linkTarget");
    if ((permissions & ~07777) != 0) {
      throw new IllegalArgumentException("permissions " + Integer.toOctalString(permissions) + " beyond 07777");
    }
  }

  public boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }
}
