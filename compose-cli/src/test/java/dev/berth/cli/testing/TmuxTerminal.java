package dev.berth.cli.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A program under a real pseudo-terminal: a tmux server of its own (private socket), one window of fixed size;
 * keys are typed with send-keys and the screen is read with capture-pane. {@link #close()} ends that server only.
 * Public for the other packages' terminal tests.
 */
public final class TmuxTerminal implements AutoCloseable {
    private final Path socket;

    private TmuxTerminal(Path socket) {
        this.socket = socket;
    }

    public static void assumeTmux() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed");
    }

    /** Starts {@code command} in {@code dir}, in a 160x40 window, with {@code env} added. */
    public static TmuxTerminal start(Path dir, List<String> command, Map<String, String> env) throws IOException,
            InterruptedException {
        TmuxTerminal t = new TmuxTerminal(dir.resolve("tmux.sock"));
        List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", "berth", "-x", "160", "-y", "40"));
        env.forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
        args.add("cd " + quote(dir.toString()) + " && exec "
                + String.join(" ", command.stream().map(TmuxTerminal::quote).toList()));
        t.tmux(args.toArray(String[]::new));
        return t;
    }

    /** Types {@code keys} literally. */
    public void type(String keys) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "berth", "-l", keys);
    }

    /** Presses named keys: {@code Enter}, {@code Tab}, {@code C-c}. */
    public void press(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "berth"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    public String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", "berth", "-S", "-200");
    }

    /** Waits until the screen satisfies {@code condition}; fails with the screen after {@code timeout}. */
    public String awaitScreen(Predicate<String> condition, Duration timeout, String what) throws IOException,
            InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String screen = screen();
        while (!condition.test(screen)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the screen never showed " + what + ":\n" + screen);
            }
            Thread.sleep(100);
            screen = screen();
        }
        return screen;
    }

    public boolean sessionAlive() throws InterruptedException, IOException {
        Process p = new ProcessBuilder("tmux", "-S", socket.toString(), "has-session", "-t", "berth")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    /** Resizes the window, as a user dragging it would: the program gets SIGWINCH. */
    public void resize(int columns, int rows) throws IOException, InterruptedException {
        tmux("resize-window", "-t", "berth", "-x", Integer.toString(columns), "-y", Integer.toString(rows));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("tmux", "-S", socket.toString(), "kill-server").redirectErrorStream(true).start()
                .waitFor(10, TimeUnit.SECONDS);
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
