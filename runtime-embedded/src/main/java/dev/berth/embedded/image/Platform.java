package dev.berth.embedded.image;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The platform of an index entry, normalised the way registries and Docker compare them. */
public record Platform(@JsonProperty("os") String os, @JsonProperty("architecture") String architecture,
                       @JsonProperty("variant") String variant) {

    /** The platform of this JVM's host. */
    public static Platform host() {
        return new Platform("linux", normalizeArch(System.getProperty("os.arch")), null);
    }

    /**
     * Parses {@code os/arch[/variant]} as in {@code platform:} and {@code DOCKER_DEFAULT_PLATFORM}, e.g.
     * {@code linux/arm64/v8}.
     */
    public static Platform parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("invalid platform '" + text + "': write os/arch[/variant], e.g. linux/amd64"
                    + " or linux/arm64/v8");
        }
        return new Platform(parts[0], normalizeArch(parts[1]), parts.length == 3 ? parts[2] : null);
    }

    public boolean matches(Platform other) {
        return other != null && os.equals(other.os) && normalizeArch(architecture).equals(normalizeArch(other.architecture));
    }

    static String normalizeArch(String arch) {
        if (arch == null) {
            return "";
        }
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }
}
