package dev.berth.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Splits the engine's multiplexed stream into stdout and stderr on a thread of its own. Each frame is an 8-byte
 * header (stream type: 0 stdin, 1 stdout, 2 stderr, 3 the engine's own errors; three zero bytes; the payload size,
 * big-endian) and the payload. When the stream ends or breaks, {@code atEnd} runs (it closes both targets). A
 * target that fails (its reader closed it) is skipped, so that the other one keeps receiving.
 */
final class StreamDemultiplexer {
  private static final int HEADER = 8;

  private StreamDemultiplexer() {}

  static Thread start(InputStream frames, OutputStream stdout, OutputStream stderr, Runnable atEnd, String name) {
    Thread t = new Thread(() -> {
      try {
        copyFrames(frames, stdout, stderr);
      } catch (IOException e) {
        // the connection ended (closed by us, the engine, or the network): so does the output
      } finally {
        atEnd.run();
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  static void copyFrames(InputStream frames, OutputStream stdout, OutputStream stderr) throws IOException {
    byte[] buffer = new byte[8192];
    while (true) {
      byte[] header = frames.readNBytes(HEADER);
      if (header.length < HEADER) {
        return;
      }
      OutputStream target = header[0] == 2 || header[0] == 3 ? stderr : stdout;
      long left = ((header[4] & 0xFFL) << 24) | ((header[5] & 0xFF) << 16) | ((header[6] & 0xFF) << 8)
          | (header[7] & 0xFF);
      while (left > 0) {
        int n = frames.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          return;
        }
        deliver(target, buffer, n);
        left -= n;
      }
    }
  }

  /** Writes to one target; a target whose reader went away gets nothing more, the other one still does. */
  private static void deliver(OutputStream target, byte[] bytes, int length) {
    try {
      target.write(bytes, 0, length);
      target.flush();
    } catch (IOException readerGone) {
      // dropped: nobody reads this stream any more
    }
  }
}
