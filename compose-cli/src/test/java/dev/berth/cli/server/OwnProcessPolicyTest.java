package dev.berth.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.CommandTree;
import dev.berth.cli.Main;
import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.invocation.RunResources;
import dev.berth.cli.invocation.StandardStreams;
import dev.berth.cli.invocation.TerminalFacts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which command lines the server hands back to be run in a JVM of their own. */
class OwnProcessPolicyTest {
    private static final TerminalFacts TERMINAL = new TerminalFacts(true, true, true, 80, 24);

    private final OwnProcessPolicy policy = new OwnProcessPolicy(new CommandLines() {
        @Override
        public CommandLine treeFor(Invocation caller, String... args) {
            return CommandTree.commandLineFor(caller, args);
        }

        @Override
        public int run(Invocation caller, PrintWriter out, PrintWriter err, String... args) {
            return Main.run(caller, out, err, args);
        }
    });

    private static Invocation caller(TerminalFacts terminal, Map<String, String> env) {
        return new Invocation(env, Path.of("/tmp"), new StandardStreams(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream()), StandardCharsets.UTF_8, terminal, onInterrupt -> () -> { },
                new RunResources());
    }

    private Optional<String> reason(TerminalFacts terminal, String... args) {
        return policy.reason(caller(terminal, Map.of()), args);
    }

    @Test
    void theShellAndDaemonsNeedTheirOwnProcess() {
        assertTrue(reason(TERMINAL).isPresent(), "berth alone on a terminal is the shell");
        assertTrue(reason(TerminalFacts.NONE, "shell").isPresent());
        assertTrue(reason(TerminalFacts.NONE, "engine", "--socket", "/tmp/e.sock").isPresent());
        assertTrue(reason(TerminalFacts.NONE, "cli-server", "status").isPresent());
        assertTrue(reason(TerminalFacts.NONE, "--runtime", "embedded-in-process", "up", "-d").isPresent());
        assertTrue(policy.reason(caller(TerminalFacts.NONE, Map.of("BERTH_RUNTIME", "embedded-in-process")), "ps")
                .isPresent());
    }

    @Test
    void runNeedsItsOwnProcessOnlyWhenItGivesTheContainerTheTerminal() {
        assertTrue(reason(TERMINAL, "run", "web", "sh").isPresent());
        assertEquals(Optional.empty(), reason(TERMINAL, "run", "-T", "web", "sh"));
        assertEquals(Optional.empty(), reason(TerminalFacts.NONE, "run", "web", "sh"));
    }

    @Test
    void everythingElseRunsInTheServer() {
        assertEquals(Optional.empty(), reason(TerminalFacts.NONE));
        assertEquals(Optional.empty(), reason(TERMINAL, "-f", "compose.yaml", "config"));
        assertEquals(Optional.empty(), reason(TERMINAL, "engine", "status"));
        assertEquals(Optional.empty(), reason(TERMINAL, "up", "-d", "--wait"));
        assertEquals(Optional.empty(), reason(TERMINAL, "config", "--no-such-flag"), "parse errors are reported");
    }
}
