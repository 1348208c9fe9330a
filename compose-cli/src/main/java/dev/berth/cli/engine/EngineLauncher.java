package dev.berth.cli.engine;

import dev.berth.cli.error.UserException;
import dev.berth.daemon.DaemonOptions;
import dev.berth.daemon.EngineDaemon;
import dev.berth.docker.DockerEndpoint;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts {@code berth engine} as a detached process (same java and class path, its own session when
 * {@code setsid} exists, the caller's environment, working directory /, stdin from /dev/null, output appended to
 * {@code <run dir>/engine.log}) and waits until it answers {@code /_ping}.
 */
final class EngineLauncher {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(3);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /**
     * The daemon's JVM, chosen by measurement (bench/memory-vs-docker.sh, 30 idle containers: 139 MiB RSS with the
     * serial collector alone, 76 MiB with these; up/down of the 30 services 5.6/4.1 s with them, 5.4/4.2 s
     * without): the serial collector, a heap that starts at 8 MiB and gives memory back (the default initial heap
     * is 1/64 of the machine's memory, and its young generation gets touched before the first collection), caps
     * on heap, class metadata and code, C1 only (the C2 compiler's arenas and code cost ~18 MiB; the engine waits
     * on processes and files, not on hot loops), and no perf-data file. Thread stacks keep their default size:
     * only what is used is resident.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmx128m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:MaxMetaspaceSize=128m",
            "-XX:ReservedCodeCacheSize=32m", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");
    /** Further JVM options for the engine daemon, after Berth's own (so they win). */
    static final String JAVA_OPTS_ENV = "BERTH_ENGINE_JAVA_OPTS";

    /** A started engine: its pid and log file. */
    record Started(long pid, Path log) {
    }

    private EngineLauncher() {
    }

    static DockerEndpoint endpoint(DaemonOptions options) {
        return new DockerEndpoint(URI.create("unix://" + options.socket().toAbsolutePath()), false, Optional.empty(),
                "berth engine");
    }

    static boolean answers(DaemonOptions options) {
        return EnginePing.answers(options.socket(), PING_TIMEOUT);
    }

    /**
     * @throws UserException when the engine does not answer within 30 seconds or its
     *     process ends first; the message points at the log
     */
    static Started start(DaemonOptions options, Map<String, String> env) {
        Path log = options.logFile();
        Process process;
        try {
            Files.createDirectories(options.runDir());
            ProcessBuilder pb = new ProcessBuilder(command(options))
                    .directory(new File("/"))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.environment().put(DaemonOptions.RUN_DIR_ENV, options.runDir().toAbsolutePath().toString());
            process = pb.start();
        } catch (IOException e) {
            throw new UserException("berth: cannot start the berth engine: " + e.getMessage() + " (see " + log + ")");
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (answers(options)) {
                long pid = EngineDaemon.runningPid(options).orElse(process.pid());
                return new Started(pid, log);
            }
            if (!process.isAlive() && EngineDaemon.runningPid(options).isEmpty()) {
                throw new UserException("berth: the berth engine exited with code " + process.exitValue()
                        + " before it answered on " + options.socket() + "; its log is " + log);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new UserException("berth: the berth engine (pid " + process.pid() + ") did not answer on "
                + options.socket() + " within " + START_TIMEOUT.toSeconds() + " s; see its log " + log);
    }

    private static List<String> command(DaemonOptions options) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        String extra = System.getenv(JAVA_OPTS_ENV);
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", absoluteClassPath(System.getProperty("java.class.path")), "dev.berth.cli.Main",
                "engine",
                "--socket", options.socket().toAbsolutePath().toString(),
                "--root", options.root().toAbsolutePath().toString()));
        return command;
    }

    /**
     * {@code classPath} with every entry made absolute: the daemon runs in another working directory, so the
     * {@code berth.jar} of {@code java -jar berth.jar} would not be found from there.
     */
    static String absoluteClassPath(String classPath) {
        return java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator)).filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }
}
