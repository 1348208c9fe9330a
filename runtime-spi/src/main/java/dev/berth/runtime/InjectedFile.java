package dev.berth.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A file whose content the runtime materialises inside the container at {@code target} before the container first
 * starts, owned by {@code uid}:{@code gid} with permission bits {@code mode} (e.g. {@code 0444}). This is how secrets
 * and configs given by value (not by a host file) reach a container. Runtimes that can bind it do so read-only;
 * others copy it into the container's filesystem. It is not reported as a {@link MountPoint}.
 *
 * @param content the file's text, written as UTF-8
 */
public record InjectedFile(String target, String content, int uid, int gid, int mode) implements Mount {
  /** The mode Compose gives secrets and configs when none is set. */
  public static final int DEFAULT_MODE = 0444;

  public InjectedFile {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(content, "content");
    if (!target.startsWith("/") || target.endsWith("/")) {
      throw new IllegalArgumentException("injected file target must be an absolute file path, was: " + target);
    }
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("injected file " + target + ": uid and gid must be >= 0, were " + uid + ":"
          + gid);
    }
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("injected file " + target + ": mode must be within 0..07777, was 0"
          + Integer.toOctalString(mode));
    }
  }

  /** A root-owned file with the {@link #DEFAULT_MODE}. */
  public static InjectedFile of(String target, String content) {
    return new InjectedFile(target, content, 0, 0, DEFAULT_MODE);
  }

  public byte[] bytes() {
    return content.getBytes(StandardCharsets.UTF_8);
  }
}
