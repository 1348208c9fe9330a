package dev.berth.model.canonical;

import java.nio.file.Path;

/** Makes relative host paths absolute against the project directory and expands a leading {@code ~}. */
final class PathResolver {

    private final CanonicalContext ctx;

    PathResolver(CanonicalContext ctx) {
        this.ctx = ctx;
    }

    /** The path to use on the host: resolved only when the context asks for it. */
    String hostPath(String path) {
        return ctx.resolvePaths() ? absolute(path) : path;
    }

    /** Always resolved: for files the loader itself must read ({@code env_file}). */
    Path readable(String path) {
        return Path.of(absolute(path));
    }

    String absolute(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return ctx.homeDir().resolve(path.length() <= 2 ? "" : path.substring(2)).normalize().toString();
        }
        if (isRemote(path) || path.matches("^[A-Za-z]:[\\\\/].*") || path.startsWith("\\\\")) {
            return path;
        }
        return ctx.projectDir().resolve(path).normalize().toString();
    }

    /** Build contexts that are not directories: git URLs, http(s) URLs, image references. */
    static boolean isRemote(String path) {
        return path.contains("://") || path.startsWith("git@") || path.startsWith("github.com/");
    }
}
