package dev.berth.model.tree;

import java.util.Objects;

/**
 * A scalar: {@code value} is a String, Boolean, Long, BigInteger, Double or null, as the YAML 1.2 core schema
 * resolves it. {@code quoted} is true for quoted and block scalars, which always stay strings.
 */
public record ScalarNode(Object value, boolean quoted, Location location, Tag tag) implements Node {

    public static ScalarNode of(Object value) {
        return new ScalarNode(value, value instanceof String, Location.UNKNOWN, Tag.NONE);
    }

    public static ScalarNode of(Object value, Location location) {
        return new ScalarNode(value, value instanceof String, location, Tag.NONE);
    }

    public boolean isNull() {
        return value == null;
    }

    public boolean isString() {
        return value instanceof String;
    }

    /** The value as text, the way Compose turns a scalar into a string ("" for null). */
    public String text() {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }

    public ScalarNode withValue(Object newValue) {
        return new ScalarNode(newValue, newValue instanceof String && quoted, location, tag);
    }

    @Override
    public ScalarNode withTag(Tag newTag) {
        return new ScalarNode(value, quoted, location, newTag);
    }

    @Override
    public String describe() {
        return value instanceof String ? "\"" + value + "\"" : Objects.toString(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScalarNode s && Objects.equals(value, s.value) && tag == s.tag;
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, tag);
    }
}
