package dev.berth.runtime;

import java.util.Objects;
import java.util.Optional;

/**
 * How to attach to a container's main process ({@link ContainerRuntime#attach}).
 *
 * @param stdin whether to write to the process's stdin; the container must have been created with
 *     {@link ContainerSpec#stdinOpen()}
 * @param detachKeys the key sequence, in Docker's notation ({@code ctrl-p,ctrl-q}), that engines which watch the
 *     client's input for one end the session with (leaving the process running); empty: the engine's default. A
 *     client that detects its detach keys itself passes the same ones, so that the engine never acts on others.
 */
public record AttachSpec(boolean stdin, Optional<String> detachKeys) {
  /** Output only. */
  public static final AttachSpec OUTPUT = new AttachSpec(false, Optional.empty());
  /** Output and stdin, with the engine's default detach keys. */
  public static final AttachSpec WITH_STDIN = new AttachSpec(true, Optional.empty());

  public AttachSpec {
    Objects.requireNonNull(detachKeys, "detachKeys");
    detachKeys.ifPresent(k -> {
      if (k.isBlank()) {
        throw new IllegalArgumentException("detach keys must not be blank; leave them empty for the default");
      }
    });
  }

  public AttachSpec withStdin(boolean stdin) {
    return new AttachSpec(stdin, detachKeys);
  }
}
