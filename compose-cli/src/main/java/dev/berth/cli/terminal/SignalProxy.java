package dev.berth.cli.terminal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Forwards signals this process receives to the container instead of acting on them ({@code --sig-proxy}): each
 * one is handed to {@code forward} by name ({@code SIGINT}) on a thread of its own. A signal the JVM keeps for itself
 * is left alone. Closing puts the previous handlers back.
 */
public final class SignalProxy implements AutoCloseable {
  /** The signals a user sends to a foreground program (SIGQUIT stays the JVM's: it prints a thread dump). */
  public static final List<String> FORWARDED = List.of("INT", "TERM", "HUP");

  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

  private SignalProxy(List<String> signals, Consumer<String> forward) {
    for (String name : signals) {
      Signal signal = new Signal(name);
      try {
        previous.put(signal, Signal.handle(signal, s -> {
          Thread t = new Thread(() -> forward.accept("SIG" + s.getName()), "berth-sig-proxy-" + s.getName());
          t.setDaemon(true);
          t.start();
        }));
      } catch (IllegalArgumentException reservedHere) {
        // the JVM keeps this signal (e.g. run with -Xrs): it acts on berth as before
      }
    }
  }

  /** Starts forwarding {@code signals} (names without {@code SIG}) to {@code forward}. */
  public static SignalProxy forward(List<String> signals, Consumer<String> forward) {
    return new SignalProxy(signals, forward);
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
