package dev.berth.cli.engine;

import dev.berth.cli.root.BerthCommand;
import dev.berth.daemon.DaemonOptions;
import dev.berth.daemon.EngineDaemon;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth engine status}: whether an engine serves the run directory, its pid and whether it answers. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether the berth engine runs.")
public final class EngineStatusCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--socket", paramLabel = "PATH", description = "The engine's socket (default <run dir>/engine.sock)")
    Path socket;

    @Override
    public Integer call() {
        DaemonOptions options = EngineCommand.options(BerthCommand.invocation(spec), socket, null);
        PrintWriter out = spec.commandLine().getOut();
        Optional<Long> pid = EngineDaemon.runningPid(options);
        boolean answers = EngineLauncher.answers(options);
        if (pid.isEmpty() && !answers) {
            out.println("berth engine: not running (socket " + options.socket() + ")");
            out.flush();
            return 1;
        }
        out.println("berth engine: running" + pid.map(p -> ", pid " + p).orElse("") + ", socket " + options.socket()
                + (answers ? "" : " (not answering)") + ", log " + options.logFile());
        out.flush();
        return answers ? 0 : 1;
    }
}
