package dev.berth.cli.invocation;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one run of a berth command line takes from its caller, in one value: the environment, the working
 * directory, the standard streams as bytes, the character set text output is encoded in, the terminal, Ctrl-C, and
 * the resources to close at the end. Commands use it instead of the JVM's globals ({@code System.getenv()},
 * {@code Path.of("")}, {@code System.in}, {@code System.console()}, signals), because one JVM — the resident CLI
 * server — runs many command lines at once, each for another caller. A direct {@code java -jar} run builds it from
 * its own process with {@link #ofProcess()}.
 *
 * @param env the caller's environment
 * @param workingDirectory the caller's working directory, absolute: relative paths on the command line and in the
 *     environment resolve against it
 * @param streams standard input and output as bytes
 * @param charset how text written to standard output and error is encoded
 * @param terminal which standard streams are terminals
 * @param interrupts Ctrl-C for this run
 * @param resources what this run opened and closes when it ends
 */
public record Invocation(Map<String, String> env, Path workingDirectory, StandardStreams streams, Charset charset,
        TerminalFacts terminal, Interrupts interrupts, RunResources resources) {

    public Invocation {
        env = Map.copyOf(env);
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("the working directory must be absolute: " + workingDirectory);
        }
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(interrupts, "interrupts");
        Objects.requireNonNull(resources, "resources");
    }

    /** This JVM's own environment, working directory, streams, terminal and SIGINT. */
    public static Invocation ofProcess() {
        return new Invocation(System.getenv(), Path.of("").toAbsolutePath(), StandardStreams.system(),
                Charset.defaultCharset(), TerminalFacts.ofProcess(), new ProcessInterrupts(), new RunResources());
    }

    /** This invocation with other standard streams (tests feed input and collect output this way). */
    public Invocation withStreams(StandardStreams newStreams) {
        return new Invocation(env, workingDirectory, newStreams, charset, terminal, interrupts, resources);
    }

    /** {@code path} resolved against the working directory (absolute paths stay as they are). */
    public Path resolve(Path path) {
        return workingDirectory.resolve(path);
    }

    /** {@code path} resolved against the working directory (absolute paths stay as they are). */
    public Path resolve(String path) {
        return workingDirectory.resolve(path);
    }

    /** The value of environment variable {@code name}, or {@code null}. */
    public String getenv(String name) {
        return env.get(name);
    }
}
