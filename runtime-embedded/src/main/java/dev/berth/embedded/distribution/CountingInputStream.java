package dev.berth.embedded.distribution;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Reports the number of bytes read so far, at most every {@code step} bytes and at the end. */
final class CountingInputStream extends FilterInputStream {
    private static final long STEP = 1L << 20;
    private final LongConsumer progress;
    private long count;
    private long reported;

    CountingInputStream(InputStream in, LongConsumer progress) {
        super(in);
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(long n) {
        count += n;
        if (count - reported >= STEP) {
            reported = count;
            progress.accept(count);
        }
    }
}
