package dev.berth.runtime;

/** The size of a terminal in character cells, as a pseudo-terminal's {@code TIOCSWINSZ} takes it. */
public record TerminalSize(int columns, int rows) {
  public TerminalSize {
    if (columns <= 0 || rows <= 0 || columns > 0xFFFF || rows > 0xFFFF) {
      throw new IllegalArgumentException("terminal size " + columns + "x" + rows
          + " is out of range: columns and rows must be between 1 and 65535");
    }
  }
}
