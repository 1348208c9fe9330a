package dev.berth.runtime;

import java.util.Iterator;

/**
 * Log lines of one container. With {@code follow}, {@link #hasNext()} blocks until a line arrives, the container
 * stops, or the stream is closed; {@link #close()} may be called from another thread to cancel a blocked reader.
 */
public interface LogStream extends Iterator<LogEntry>, AutoCloseable {
  @Override
  void close();
}
