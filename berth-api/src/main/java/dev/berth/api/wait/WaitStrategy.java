package dev.berth.api.wait;

import java.util.List;

/**
 * When a service counts as ready. A strategy looks once and answers (it never blocks for long); the
 * {@link Waiter} asks again until the answer is ready or failed, or the time is up.
 */
public interface WaitStrategy {

    /** One look at {@code target}. Must not throw for a service that is merely not ready yet. */
    Readiness check(WaitTarget target);

    /** What is waited for, for messages: {@code "healthcheck healthy"}, {@code "log /ready/"}. */
    String describe();

    /** Every container of the service reports its compose healthcheck as healthy. */
    static WaitStrategy healthy() {
        return new HealthcheckWait();
    }

    /** Every container of the service is running. */
    static WaitStrategy running() {
        return new RunningWait();
    }

    /** A line of the service's output matches {@code regex} (use {@link LogMessageWait#times} for more). */
    static LogMessageWait logMessage(String regex) {
        return new LogMessageWait(java.util.regex.Pattern.compile(regex), 1);
    }

    /** A TCP connection to 127.0.0.1 on the host port of {@code containerPort} succeeds. */
    static WaitStrategy port(int containerPort) {
        return new PortWait(containerPort, java.time.Duration.ofSeconds(1));
    }

    /**
     * An HTTP GET of {@code path} on 127.0.0.1 answers with status 200 (change with {@link HttpWait#forStatus}); the
     * port is the service's first published one unless {@link HttpWait#forPort} names it.
     */
    static HttpWait http(String path) {
        return HttpWait.of(path);
    }

    /** {@code command} run in the service's first replica exits with 0. */
    static WaitStrategy command(String... command) {
        return new CommandWait(List.of(command));
    }

    /** Every one of {@code strategies}, in order. */
    static WaitStrategy allOf(WaitStrategy... strategies) {
        return new AllOfWait(List.of(strategies));
    }
}
