package dev.berth.embedded.image;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The platform of an index entry, normalised the way registries and Docker compare them. */
public record Platform(@JsonProperty("os") String os, @JsonProperty("architecture") String architecture,
                       @JsonProperty("variant") String variant) {

    /** The platform of this JVM's host. */
    public static Platform host() {
        return new Platform("linux", normalizeArch(System.getProperty("os.arch")), null);
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
