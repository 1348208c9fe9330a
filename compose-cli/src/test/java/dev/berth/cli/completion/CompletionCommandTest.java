package dev.berth.cli.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.Main;
import dev.berth.cli.testing.TmuxTerminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts complete in real shells — bash and zsh under a pseudo-terminal (tmux), asking this build of
 * berth on every TAB — commands, options, service names and profiles of the project given with -f; and the man pages
 * render with man.
 */
class CompletionCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static String berth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    @Test
    void completeAnswersFromTheProjectTheTypedRootOptionsSelect() throws IOException {
        Path file = Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web: {image: busybox:latest}
                  debug: {image: busybox:latest, profiles: [tools]}
                """);
        assertEquals("tools\n", berth("__complete", "4", "--", "berth", "-f", file.toString(), "--profile", "t"));
        assertEquals("web\n", berth("__complete", "4", "--", "berth", "-f", file.toString(), "logs", "w"));
        assertEquals("debug\nweb\n", berth("__complete", "6", "--", "berth", "-f", file.toString(), "--profile",
                "tools", "logs", ""));
        assertEquals("", berth("__complete", "2", "--", "berth", "-f", "c"), "file names are the shell's to offer");
    }

    @Test
    void bashCompletesCommandsOptionsServicesAndProfiles() throws Exception {
        Path script = Files.writeString(dir.resolve("berth.bash"), berth("completion", "bash"));
        completesIn(List.of("bash", "--norc", "--noprofile"), "source " + script);
    }

    @Test
    void zshCompletesCommandsOptionsServicesAndProfiles() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")), "zsh is not installed");
        Path script = Files.writeString(dir.resolve("_berth"), berth("completion", "zsh"));
        completesIn(List.of("zsh", "-f"), "autoload -U compinit && compinit -u && source " + script);
    }

    /**
     * Types berth command lines into {@code shell} after {@code setup} and presses TAB where berth must answer (the
     * screen shows no trailing blanks: the space after a completed word shows in the next word typed).
     */
    private void completesIn(List<String> shell, String setup) throws Exception {
        TmuxTerminal.assumeTmux();
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web: {image: busybox:latest}
                  db: {image: busybox:latest}
                  debug: {image: busybox:latest, profiles: [tools]}
                """);
        try (TmuxTerminal t = TmuxTerminal.start(dir, shell, Map.of())) {
            t.type("PATH=" + berthOnPath() + ":$PATH; " + setup + "; echo set-up"); // tmux gives panes its own PATH
            t.press("Enter");
            t.awaitScreen(s -> s.contains("\nset-up\n"), WAIT, "the completion script loaded");
            t.type("berth -f compose.yaml logs w");
            t.press("Tab");
            t.awaitScreen(s -> s.contains("berth -f compose.yaml logs web"), WAIT, "the service name completed");
            t.press("C-u");
            t.type("berth -f compose.yaml --profile t");
            t.press("Tab");
            t.awaitScreen(s -> s.contains("--profile tools"), WAIT, "the profile completed");
            t.type("rest");
            t.press("Tab");
            t.awaitScreen(s -> s.contains("--profile tools restart"), WAIT, "the command completed");
            t.type("deb");
            t.press("Tab");
            t.awaitScreen(s -> s.contains("restart debug"), WAIT, "a service of the profile completed");
            t.press("C-u");
            t.type("berth up --wait-t");
            t.press("Tab");
            t.awaitScreen(s -> s.contains("berth up --wait-timeout"), WAIT, "the option completed");
        }
    }

    /** A directory with a {@code berth} that runs this build (the scripts call the berth being completed). */
    private Path berthOnPath() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path berth = Files.writeString(bin.resolve("berth"), "#!/bin/sh\nexec '" + java + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.berth.cli.Main \"$@\"\n");
        berth.toFile().setExecutable(true);
        return bin;
    }

    @Test
    void manPagesAreWrittenForEveryCommandAndRender() throws Exception {
        String written = berth("man", "--dir", dir.toString());
        assertTrue(written.lines().toList().containsAll(List.of(dir.resolve("berth.1").toString(),
                dir.resolve("berth-up.1").toString(), dir.resolve("berth-image-load.1").toString())), written);
        String up = Files.readString(dir.resolve("berth-up.1"));
        assertTrue(up.startsWith(".TH \"BERTH-UP\" 1"), up);
        assertTrue(up.contains(".TP\n\\fB\\-\\-wait\\-timeout\\fR \\fISECONDS\\fR\nMaximum duration in seconds to wait\n"),
                up);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "man is not installed");
        Process man = new ProcessBuilder("man", "-l", dir.resolve("berth-up.1").toString())
                .redirectErrorStream(true).start();
        man.getOutputStream().close();
        String page = new String(man.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .replaceAll(".\b", "");
        assertTrue(man.waitFor(30, TimeUnit.SECONDS));
        assertTrue(page.contains("berth-up - Create and start containers."), page);
        assertTrue(page.contains("--wait-timeout SECONDS"), page);
        assertTrue(page.contains("berth(1)"), page);
    }
}
