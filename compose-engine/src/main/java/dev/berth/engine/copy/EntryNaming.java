package dev.berth.engine.copy;

import java.util.Optional;

/**
 * How an archive entry is named where it lands: either its top component is renamed (a file or directory that
 * takes the destination's name) or dropped (the contents of a directory land directly in the destination).
 */
public sealed interface EntryNaming {

    /** The entry's name at the destination; empty to skip the entry. */
    Optional<String> apply(String entryName);

    /** Entries under {@code from} land under {@code to}; others keep their names. */
    record Rename(String from, String to) implements EntryNaming {
        @Override
        public Optional<String> apply(String entryName) {
            String name = CopyPaths.clean(entryName);
            if (name.equals(from)) {
                return Optional.of(to);
            }
            if (from.equals(".")) {
                return Optional.of(to + "/" + name);
            }
            if (name.startsWith(from + "/")) {
                return Optional.of(to + name.substring(from.length()));
            }
            return Optional.of(name);
        }
    }

    /** What is below {@code top} lands directly in the destination; {@code top} itself is skipped. */
    record ContentsOf(String top) implements EntryNaming {
        @Override
        public Optional<String> apply(String entryName) {
            String name = CopyPaths.clean(entryName);
            if (name.equals(top) || name.equals(".")) {
                return Optional.empty();
            }
            if (name.startsWith(top + "/")) {
                return Optional.of(name.substring(top.length() + 1));
            }
            return Optional.of(name);
        }
    }
}
