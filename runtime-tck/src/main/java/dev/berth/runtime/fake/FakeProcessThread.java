package dev.berth.runtime.fake;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.function.IntConsumer;

/** Runs a {@link FakeProcess} on a daemon thread of its own, as the fake runtime's processes run. */
final class FakeProcessThread {
  /** The exit code of a process killed because its container stopped (128 + SIGKILL). */
  static final int KILLED = 137;
  /** The exit code of a process whose output's reader went away (128 + SIGPIPE). */
  static final int BROKEN_PIPE = 141;

  private FakeProcessThread() {}

  /**
   * Starts {@code process}; when it ends, {@code release} runs (closing its streams) and then {@code exited} gets
   * its exit code.
   */
  static Thread start(String name, FakeProcess process, FakeProcess.Stdio io, Runnable release,
      IntConsumer exited) {
    Thread t = new Thread(() -> {
      int code;
      try {
        code = process.run(io);
      } catch (InterruptedException | InterruptedIOException e) {
        code = KILLED;
      } catch (IOException e) {
        code = BROKEN_PIPE;
      } finally {
        release.run();
      }
      exited.accept(code);
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
