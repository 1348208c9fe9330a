package dev.berth.cli.server;

import java.nio.charset.Charset;

/** How this JVM encodes file names as bytes, as the C client sees them. */
final class FileNames {
    /** The JVM's file name encoding ({@code sun.jnu.encoding}, from the locale it started in). */
    static final Charset CHARSET = charset();

    private FileNames() {
    }

    private static Charset charset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** 64-bit FNV-1a of {@code text}'s file name bytes, as 16 hex digits: the client computes the same. */
    static String fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(CHARSET)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return String.format("%016x", hash);
    }
}
