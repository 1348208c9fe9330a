package dev.berth.cli.up;

import dev.berth.cli.support.LogPrinter;
import dev.berth.cli.support.Session;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.LogOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Attached {@code up}: streams the logs of the attached services until every container stopped; with abort, the
 * first container to exit (or to fail) stops the project. The exit code is the {@code --exit-code-from} service's,
 * else that of the failed container with {@code --abort-on-container-failure}, else 0. Ctrl-C stops the project's
 * containers gracefully, a second Ctrl-C kills them; the exit code is then 130, as with Docker Compose.
 */
final class AttachedSession {
    private final Session session;
    private final String project;
    private final Set<String> services;
    private final boolean abortOnExit;
    private final boolean abortOnFailure;
    private final Optional<String> exitCodeFrom;
    private final Optional<Duration> timeout;
    private final LogPrinter printer;

    AttachedSession(Session session, String project, Set<String> services, boolean abortOnExit, boolean abortOnFailure,
            Optional<String> exitCodeFrom, Optional<Duration> timeout, boolean colour, boolean noPrefix,
            boolean timestamps) {
        this.session = session;
        this.project = project;
        this.services = services;
        this.abortOnExit = abortOnExit;
        this.abortOnFailure = abortOnFailure;
        this.exitCodeFrom = exitCodeFrom;
        this.timeout = timeout;
        ComposeEngine engine = session.engine();
        int width = engine.ps(project, services, true).stream().mapToInt(c -> c.name().length()).max().orElse(0);
        this.printer = new LogPrinter(session.out(), colour, noPrefix, timestamps, width);
    }

    /** The exit code of a run ended by Ctrl-C (128 + SIGINT). */
    static final int INTERRUPTED = 130;

    int run() throws InterruptedException {
        try (InterruptSignals signals = new InterruptSignals(session.caller().interrupts(), this::gracefulStop,
                this::forceStop)) {
            int code = follow();
            if (signals.pressed()) {
                signals.awaitActions();
                return INTERRUPTED;
            }
            return code;
        }
    }

    private void gracefulStop() {
        session.err().println("Gracefully stopping... (press Ctrl+C again to force)");
        session.err().flush();
        session.engine().stop(project, Set.of(), timeout, false, session.progress());
    }

    private void forceStop() {
        List<String> killed = session.engine().kill(project, Set.of(), "SIGKILL");
        killed.forEach(name -> session.err().println("Container " + name + " Killed"));
        session.err().flush();
    }

    private int follow() throws InterruptedException {
        ComposeEngine engine = session.engine();
        Thread logs = new Thread(() -> {
            try {
                engine.logs(project, services, LogOptions.ALL.withFollow(true), printer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "berth-up-logs");
        logs.setDaemon(true);
        logs.start();
        int code = 0;
        while (logs.isAlive()) {
            if (abortOnExit || abortOnFailure) {
                Optional<ContainerSummary> exited = engine.ps(project, services, true).stream()
                        .filter(c -> c.state().status() == ContainerStatus.EXITED
                                || c.state().status() == ContainerStatus.DEAD)
                        .filter(c -> abortOnExit || c.state().exitCode() != 0)
                        .findFirst();
                if (exited.isPresent()) {
                    session.err().println("Aborting on container exit: " + exited.get().name() + " exited with code "
                            + exited.get().state().exitCode());
                    session.err().flush();
                    code = abortOnFailure ? exited.get().state().exitCode() : 0;
                    engine.stop(project, Set.of(), timeout, false, session.progress());
                    logs.join(5000);
                    break;
                }
            }
            logs.join(50);
        }
        List<ContainerSummary> all = engine.ps(project, Set.of(), true);
        for (ContainerSummary c : all) {
            if (services.contains(c.label("com.docker.compose.service"))
                    && c.state().status() == ContainerStatus.EXITED) {
                session.err().println(c.name() + " exited with code " + c.state().exitCode());
            }
        }
        session.err().flush();
        if (exitCodeFrom.isPresent()) {
            return all.stream().filter(c -> exitCodeFrom.get().equals(c.label("com.docker.compose.service")))
                    .mapToInt(c -> c.state().exitCode()).findFirst().orElse(0);
        }
        return code;
    }
}
