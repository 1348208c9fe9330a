package dev.berth.cli.engine;

import dev.berth.cli.error.UserException;
import dev.berth.cli.root.BerthCommand;
import dev.berth.daemon.DaemonOptions;
import dev.berth.daemon.EngineDaemon;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code berth engine stop}: sends SIGTERM to the engine recorded in the run directory's pid file (only while it
 * holds the run directory's lock, so a stale pid is never signalled) and waits for it to exit. Containers keep
 * running.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the berth engine (containers keep running).")
public final class EngineStopCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the engine to exit")
    long timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        DaemonOptions options = EngineCommand.options(BerthCommand.invocation(spec), null, null);
        PrintWriter out = spec.commandLine().getOut();
        Optional<Long> pid = EngineDaemon.runningPid(options);
        if (pid.isEmpty()) {
            out.println("berth engine: not running (" + options.runDir() + ")");
            out.flush();
            return 0;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get());
        if (process.isEmpty()) {
            throw new UserException("berth: the engine's pid file names " + pid.get() + ", which does not exist");
        }
        process.get().destroy();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        try {
            process.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new UserException("berth: the berth engine (pid " + pid.get() + ") did not exit within "
                    + timeoutSeconds + " s; see " + options.logFile());
        }
        out.println("berth engine: stopped (pid " + pid.get() + "); containers keep running");
        out.flush();
        return 0;
    }
}
