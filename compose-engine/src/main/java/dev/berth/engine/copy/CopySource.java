package dev.berth.engine.copy;

/**
 * What is copied: the name of its top entry in the archive, the name it should have at the destination (they
 * differ when {@code -L} followed a link), whether it is a directory, and whether only its contents are wanted
 * ({@code SRC/.}).
 */
public record CopySource(String archiveTop, String name, boolean directory, boolean contentsOnly) {
}
