package dev.berth.model.tree;

/**
 * Where a value was written: a file (as the user named it, or "-" for stdin) and a 1-based line and column.
 * {@link #UNKNOWN} stands for values made by the loader itself (defaults, canonical forms).
 */
public record Location(String file, int line, int column) {

    public static final Location UNKNOWN = new Location("", 0, 0);

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        if (!isKnown()) {
            return file.isEmpty() ? "<generated>" : file;
        }
        return file + ":" + line + ":" + column;
    }
}
