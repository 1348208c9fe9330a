package dev.berth.daemon.api;

import dev.berth.runtime.io.DetachKeyFilter;
import dev.berth.runtime.io.DetachKeys;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A client's input to an exec on a terminal, watched for the detach keys. Once they are typed the client is
 * detached: {@link #awaitDetach} returns true, and reading blocks (the process's stdin stays open, as with dockerd)
 * until {@link #release} when the process has ended. The keys themselves never reach the process.
 */
final class DetachableInput extends InputStream {
    private final InputStream client;
    private final DetachKeyFilter filter;
    private final CountDownLatch detached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private byte[] pending = new byte[0];
    private int pendingAt;

    DetachableInput(InputStream client, DetachKeys keys) {
        this.client = client;
        this.filter = new DetachKeyFilter(keys);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (pendingAt == pending.length) {
            if (detached.getCount() == 0) {
                awaitRelease();
                return -1;
            }
            byte[] buffer = new byte[Math.max(len, 1)];
            int n = client.read(buffer, 0, buffer.length);
            if (n < 0) {
                return -1;
            }
            DetachKeyFilter.Passed passed = filter.accept(buffer, n);
            pending = passed.forward();
            pendingAt = 0;
            if (passed.detach()) {
                detached.countDown();
            }
        }
        int count = Math.min(len, pending.length - pendingAt);
        System.arraycopy(pending, pendingAt, b, off, count);
        pendingAt += count;
        return count;
    }

    private void awaitRelease() throws IOException {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while detached", e);
        }
    }

    /** Waits up to {@code millis} for the client to detach; true once it did. */
    boolean awaitDetach(long millis) throws InterruptedException {
        return detached.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The process ended: a reader blocked after the detach gets the end of the input. */
    void release() {
        released.countDown();
    }
}
