package dev.berth.embedded.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.LongFunction;

/**
 * A download that survives broken connections: when reading fails, the stream is opened again at the byte it broke
 * off ({@code opener} gets the offset) up to {@code retries} times; the reader sees one uninterrupted stream.
 */
final class ResumingInputStream extends InputStream {
    private final LongFunction<InputStream> opener;
    private int retriesLeft;
    private InputStream current;
    private long position;

    ResumingInputStream(LongFunction<InputStream> opener, int retries) {
        this.opener = opener;
        this.retriesLeft = retries;
        this.current = opener.apply(0);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            try {
                int n = current.read(buffer, offset, length);
                if (n > 0) {
                    position += n;
                }
                return n;
            } catch (IOException e) {
                if (retriesLeft-- <= 0) {
                    throw e;
                }
                closeQuietly();
                try {
                    current = opener.apply(position);
                } catch (UncheckedIOException reopen) {
                    throw reopen.getCause();
                }
            }
        }
    }

    private void closeQuietly() {
        try {
            current.close();
        } catch (IOException ignored) {
            // the broken connection is discarded
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
