package dev.berth.model.interpolation;

/** Dotted attribute paths such as {@code services.web.ports[0]}, as problems name them. */
final class TreePaths {

    private TreePaths() {
    }

    static String key(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
