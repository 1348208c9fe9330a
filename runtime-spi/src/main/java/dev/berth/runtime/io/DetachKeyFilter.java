package dev.berth.runtime.io;

import java.io.ByteArrayOutputStream;

/**
 * Watches the user's input for the detach keys: bytes pass through, except that a partial match is held back until
 * the next byte shows whether the sequence completes; a complete sequence is swallowed and reported. As Docker's
 * escape proxy does, so the process never sees the keys that detached from it.
 */
public final class DetachKeyFilter {
  private final byte[] sequence;
  private int matched;

  public DetachKeyFilter(DetachKeys keys) {
    this.sequence = keys.sequence();
  }

  /** What {@link #accept} made of some input: the bytes to forward, and whether the keys were typed. */
  public record Passed(byte[] forward, boolean detach) {}

  /** Filters {@code length} bytes of {@code input}; after a detach the rest of the input is dropped. */
  public Passed accept(byte[] input, int length) {
    ByteArrayOutputStream forward = new ByteArrayOutputStream(length + sequence.length);
    for (int i = 0; i < length; i++) {
      byte b = input[i];
      if (b == sequence[matched]) {
        matched++;
        if (matched == sequence.length) {
          matched = 0;
          return new Passed(forward.toByteArray(), true);
        }
        continue;
      }
      forward.write(sequence, 0, matched);
      matched = 0;
      if (b == sequence[0]) {
        matched = 1; // the sequence is longer than one key here: a single key always matches above
      } else {
        forward.write(b);
      }
    }
    return new Passed(forward.toByteArray(), false);
  }
}
