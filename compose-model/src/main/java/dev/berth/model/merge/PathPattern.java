package dev.berth.model.merge;

import java.util.List;

/** A dotted attribute path such as {@code services.*.build.args}, where {@code *} matches any one key. */
public record PathPattern(List<String> segments) {

    public PathPattern {
        segments = List.copyOf(segments);
    }

    public static PathPattern of(String dotted) {
        return new PathPattern(List.of(dotted.split("\\.")));
    }

    public boolean matches(List<String> path) {
        if (path.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (!s.equals("*") && !s.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
