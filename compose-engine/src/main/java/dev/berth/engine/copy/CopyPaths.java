package dev.berth.engine.copy;

/**
 * POSIX path strings as {@code docker cp} reads them: a trailing {@code /} asserts a directory and a trailing
 * {@code /.} means "the contents of", so paths stay strings until those two facts are read off them.
 */
final class CopyPaths {
    private CopyPaths() {
    }

    /** {@code dir/} or {@code dir/.}: the path must be a directory. */
    static boolean assertsDirectory(String path) {
        return path.endsWith("/") || contentsOnly(path);
    }

    /** {@code dir/.} or {@code .}: copy what is inside the directory, not the directory itself. */
    static boolean contentsOnly(String path) {
        return path.equals(".") || path.endsWith("/.");
    }

    /** The path without {@code .} components, repeated and trailing slashes; {@code ..} is kept. */
    static String clean(String path) {
        boolean absolute = path.startsWith("/");
        StringBuilder out = new StringBuilder(absolute ? "/" : "");
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != '/') {
                out.append('/');
            }
            out.append(part);
        }
        return out.length() == 0 ? "." : out.toString();
    }

    /** The last component of the cleaned path ({@code /} for the root). */
    static String base(String path) {
        String clean = clean(path);
        if (clean.equals("/")) {
            return "/";
        }
        return clean.substring(clean.lastIndexOf('/') + 1);
    }

    /** The cleaned path without its last component ({@code /} for a child of the root, {@code .} for a name). */
    static String parent(String path) {
        String clean = clean(path);
        int slash = clean.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        return slash == 0 ? "/" : clean.substring(0, slash);
    }

    /** A link's target read relative to the directory holding the link. */
    static String resolveLink(String linkPath, String target) {
        if (target.startsWith("/")) {
            return clean(target);
        }
        return clean(parent(linkPath) + "/" + target);
    }
}
