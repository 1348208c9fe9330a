package dev.berth.embedded.image;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:0123...}; only sha256 is supported. */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a sha256 hex digest: '" + hex + "'");
        }
    }

    /** Parses {@code sha256:<64 hex>}. */
    public static Digest parse(String text) {
        if (text == null || !text.startsWith("sha256:")) {
            throw new IllegalArgumentException("unsupported digest '" + text + "': only sha256:<hex> is accepted");
        }
        return new Digest(text.substring("sha256:".length()));
    }

    public static Digest of(byte[] content) {
        return new Digest(HexFormat.of().formatHex(newSha256().digest(content)));
    }

    public static Digest of(String content) {
        return of(content.getBytes(StandardCharsets.UTF_8));
    }

    static Digest of(MessageDigest finished) {
        return new Digest(HexFormat.of().formatHex(finished.digest()));
    }

    /** A new SHA-256 digest, native where the JDK offers one ({@link Sha256Providers}). */
    public static MessageDigest newSha256() {
        return Sha256Providers.newDigest();
    }

    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
