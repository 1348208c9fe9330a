package dev.berth.runtime;

/**
 * A runtime backend found through {@link java.util.ServiceLoader} (a {@code META-INF/services} entry naming the
 * implementation). The CLI probes every provider and reports all reasons when none is usable.
 */
public interface RuntimeProvider {

  /** A short stable name used on the command line, e.g. {@code embedded}, {@code docker}, {@code fake}. */
  String name();

  /** Whether this runtime can run on this machine, and if not why and how to fix it. Must not throw. */
  Availability probe();

  /**
   * Opens a client.
   *
   * @throws RuntimeUnavailableException if {@link #probe()} would say it is unusable
   */
  ContainerRuntime open();

  /**
   * This provider for a caller whose environment is {@code env} rather than this process's: a resident process that
   * runs commands for many callers (the berth CLI server) asks each provider for the caller's copy. Providers that
   * read the environment (where the engine is, credentials, state directories) return a copy reading {@code env};
   * the default, for providers that read none, is this provider itself.
   */
  default RuntimeProvider forEnvironment(java.util.Map<String, String> env) {
    return this;
  }

  /**
   * How many runtime calls a command keeps in flight when the user does not say ({@code --parallel},
   * {@code COMPOSE_PARALLEL_LIMIT}). The default, 16, suits an engine that waits on much of its own work; a runtime
   * whose calls keep this machine's cores busy may ask for fewer.
   */
  default int defaultParallelLimit() {
    return 16;
  }
}
