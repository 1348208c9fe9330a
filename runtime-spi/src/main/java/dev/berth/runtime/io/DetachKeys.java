package dev.berth.runtime.io;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A detach key sequence in Docker's notation: comma-separated keys, each a single character or {@code ctrl-X} with
 * {@code X} one of {@code a}-{@code z}, {@code @}, {@code [}, {@code \}, {@code ]}, {@code ^}, {@code _}.
 */
public final class DetachKeys {
  /** What Docker uses when nothing is configured. */
  public static final DetachKeys DEFAULT = parse("ctrl-p,ctrl-q");

  private final String notation;
  private final byte[] sequence;

  private DetachKeys(String notation, byte[] sequence) {
    this.notation = notation;
    this.sequence = sequence;
  }

  /**
   * Parses {@code notation}.
   *
   * @throws IllegalArgumentException naming the key that is not understood
   */
  public static DetachKeys parse(String notation) {
    Objects.requireNonNull(notation, "notation");
    if (notation.isBlank()) {
      throw new IllegalArgumentException("detach keys are empty; write keys such as ctrl-p,ctrl-q");
    }
    String[] keys = notation.split(",", -1);
    byte[] bytes = new byte[keys.length];
    for (int i = 0; i < keys.length; i++) {
      bytes[i] = key(keys[i]);
    }
    return new DetachKeys(notation, bytes);
  }

  private static byte key(String key) {
    if (key.length() == 1 && key.charAt(0) < 0x80) {
      return (byte) key.charAt(0);
    }
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.startsWith("ctrl-") && lower.length() == 6) {
      char c = lower.charAt(5);
      if (c >= 'a' && c <= 'z') {
        return (byte) (c - 'a' + 1);
      }
      int special = "@[\\]^_".indexOf(c);
      if (special >= 0) {
        return (byte) (special == 0 ? 0 : 27 + special - 1);
      }
    }
    throw new IllegalArgumentException("unknown detach key '" + key + "': use a single character or ctrl-X with X"
        + " one of a-z, @, [, \\, ], ^, _ (e.g. ctrl-p,ctrl-q)");
  }

  /** The bytes typing the keys produces. */
  public byte[] sequence() {
    return sequence.clone();
  }

  /** The notation, as the engine takes it. */
  @Override
  public String toString() {
    return notation;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DetachKeys other && Arrays.equals(sequence, other.sequence);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sequence);
  }
}
