package dev.berth.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogStream;
import dev.berth.runtime.RuntimeOperationException;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A {@link LogStream} fed by docker-java's frame callback: frames are split into lines on docker-java's thread and
 * handed over through a queue; {@link #hasNext()} blocks for the next line or the end of the stream.
 */
final class DockerLogStream extends ResultCallback.Adapter<Frame> implements LogStream {
  private static final Object END = new Object();

  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final LogLineSplitter splitter;
  private final Optional<Instant> since;
  private final Optional<Instant> until;
  private final Function<Throwable, RuntimeOperationException> errors;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Object next;

  DockerLogStream(Optional<Instant> since, Optional<Instant> until,
      Function<Throwable, RuntimeOperationException> errors) {
    this.since = since;
    this.until = until;
    this.errors = errors;
    this.splitter = new LogLineSplitter(true, this::offer);
  }

  private void offer(LogEntry e) {
    boolean early = since.isPresent() && e.timestamp().isBefore(since.get());
    boolean late = until.isPresent() && e.timestamp().isAfter(until.get());
    if (!early && !late) {
      queue.add(e);
    }
  }

  @Override
  public void onStart(Closeable stream) {
    super.onStart(stream);
    if (closed.get()) {
      closeQuietly(stream);
    }
  }

  @Override
  public void onNext(Frame frame) {
    LogEntry.Stream stream = frame.getStreamType() == StreamType.STDERR ? LogEntry.Stream.STDERR
        : LogEntry.Stream.STDOUT;
    synchronized (splitter) {
      splitter.accept(stream, frame.getPayload());
    }
  }

  @Override
  public void onError(Throwable t) {
    if (!closed.get()) {
      queue.add(t);
    }
    queue.add(END);
    super.onError(t);
  }

  @Override
  public void onComplete() {
    synchronized (splitter) {
      splitter.finish();
    }
    queue.add(END);
    super.onComplete();
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        next = END;
      }
      if (next == END) {
        queue.add(END);
      }
    }
    if (next instanceof Throwable t) {
      next = END;
      throw errors.apply(t);
    }
    return next != END;
  }

  @Override
  public LogEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    LogEntry e = (LogEntry) next;
    next = null;
    return e;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        super.close();
      } catch (IOException e) {
        // closing a socket we no longer read
      }
      queue.add(END);
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
