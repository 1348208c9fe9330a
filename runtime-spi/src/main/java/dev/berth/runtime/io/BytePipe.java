package dev.berth.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded in-memory pipe between two threads: bytes written to {@link #sink()} are read from {@link #source()}.
 * Closing the sink gives the reader end of file once it has read everything; closing the source makes further
 * writes fail, so that a writer whose reader went away does not block forever. Unlike {@code PipedInputStream} it
 * does not care which threads read and write, and a reader wakes as soon as bytes arrive.
 */
public final class BytePipe {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final Condition writable = lock.newCondition();
  private final byte[] buffer;
  private int head;
  private int size;
  private boolean sinkClosed;
  private boolean sourceClosed;
  private final InputStream source = new Source();
  private final OutputStream sink = new Sink();

  /** A pipe holding at most {@code capacity} unread bytes; writers wait while it is full. */
  public BytePipe(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("pipe capacity must be positive, was " + capacity);
    }
    buffer = new byte[capacity];
  }

  /** A pipe of 64 KiB, the size of a Linux pipe. */
  public BytePipe() {
    this(64 * 1024);
  }

  public InputStream source() {
    return source;
  }

  public OutputStream sink() {
    return sink;
  }

  /** Closes the write end, as {@code sink().close()} does, without a checked exception. */
  public void closeSink() {
    ((Sink) sink).close();
  }

  /** Closes the read end, as {@code source().close()} does, without a checked exception. */
  public void closeSource() {
    ((Source) source).close();
  }

  private final class Source extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      lock.lock();
      try {
        while (size == 0) {
          if (sinkClosed || sourceClosed) {
            return -1;
          }
          readable.await();
        }
        int n = Math.min(len, size);
        for (int i = 0; i < n; i++) {
          b[off + i] = buffer[(head + i) % buffer.length];
        }
        head = (head + n) % buffer.length;
        size -= n;
        writable.signalAll();
        return n;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading a pipe");
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int available() {
      lock.lock();
      try {
        return size;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        sourceClosed = true;
        size = 0;
        readable.signalAll();
        writable.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private final class Sink extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      lock.lock();
      try {
        int written = 0;
        while (written < len) {
          if (sinkClosed) {
            throw new IOException("write to a closed pipe");
          }
          if (sourceClosed) {
            throw new IOException("broken pipe: the reader has closed it");
          }
          if (size == buffer.length) {
            writable.await();
            continue;
          }
          int n = Math.min(len - written, buffer.length - size);
          for (int i = 0; i < n; i++) {
            buffer[(head + size + i) % buffer.length] = b[off + written + i];
          }
          size += n;
          written += n;
          readable.signalAll();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while writing a pipe");
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        sinkClosed = true;
        readable.signalAll();
        writable.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
