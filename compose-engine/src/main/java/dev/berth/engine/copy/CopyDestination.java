package dev.berth.engine.copy;

/**
 * Where a copy goes: the path as given (a trailing {@code /} asserts a directory) with links already resolved,
 * and what is there now.
 */
public record CopyDestination(String path, boolean exists, boolean directory) {
}
