package dev.berth.embedded.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Detects gzip and zstd by their magic bytes; everything else is read as a plain tar. */
final class Compression {
    private Compression() {
    }

    static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 65536);
        in.mark(4);
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        int b4 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new GZIPInputStream(in, 65536);
        }
        if (b1 == 0x28 && b2 == 0xb5 && b3 == 0x2f && b4 == 0xfd) {
            return new com.github.luben.zstd.ZstdInputStream(in);
        }
        return in;
    }

    static boolean isGzip(InputStream raw) throws IOException {
        return raw.read() == 0x1f && raw.read() == 0x8b;
    }
}
