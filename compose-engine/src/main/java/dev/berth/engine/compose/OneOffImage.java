package dev.berth.engine.compose;

import java.util.Objects;

/**
 * Where the one-off's image comes from: with {@code build} ({@code run --build}) a service with a {@code build:}
 * section is rebuilt first; without, it is built only when missing. {@code pull} is {@code run --pull}.
 */
public record OneOffImage(boolean build, Pull pull) {
  public static final OneOffImage DEFAULTS = new OneOffImage(false, Pull.MISSING);

  /** {@code --pull}: {@code always}, {@code missing} (the default) or {@code never}. */
  public enum Pull {
    ALWAYS, MISSING, NEVER;

    /** The policy named {@code text} (case-insensitive). */
    public static Pull parse(String text) {
      for (Pull p : values()) {
        if (p.name().equalsIgnoreCase(text)) {
          return p;
        }
      }
      throw new IllegalArgumentException("invalid pull policy '" + text + "': use always, missing or never");
    }
  }

  public OneOffImage {
    Objects.requireNonNull(pull, "pull");
  }
}
