package dev.berth.embedded.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Detects gzip by its magic bytes; everything else is read as a plain tar. */
final class Compression {
    private Compression() {
    }

    static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 65536);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new GZIPInputStream(in, 65536);
        }
        if (b1 == 0x28 && b2 == 0xb5) {
            throw new ImageStoreException("zstd-compressed layers are not supported yet (re-save the image with gzip layers)");
        }
        return in;
    }

    static boolean isGzip(InputStream raw) throws IOException {
        return raw.read() == 0x1f && raw.read() == 0x8b;
    }
}
