package dev.berth.cli.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.CommandTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What completion offers at each place of a command line, from the command tree and the loaded project. */
class CompletionsTest {
    private static final Set<String> SHELL_WORDS = Set.of("exit", "status");

    @TempDir
    Path dir;

    private Path file;
    private Completions completions;

    @BeforeEach
    void project() throws Exception {
        file = Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web: {image: busybox:latest}
                  worker: {image: busybox:latest, profiles: [jobs]}
                  debug: {image: busybox:latest, profiles: [tools]}
                """);
        ProjectVocabulary vocabulary = new ProjectVocabulary(CommandTree::commandLine,
                List.of("-f", file.toString(), "--profile", "jobs"), dev.berth.cli.invocation.Invocation.ofProcess());
        completions = new Completions(CommandTree.commandLine(), SHELL_WORDS, vocabulary);
    }

    private Set<String> at(String... words) {
        return new TreeSet<>(completions.at(List.of(words), words.length - 1));
    }

    @Test
    void theFirstWordIsACommandOrAShellWord() {
        Set<String> first = at("");
        assertTrue(first.containsAll(Set.of("up", "ps", "logs", "config", "exit", "status")), first.toString());
        assertFalse(first.contains("__complete"), "hidden commands are not offered");
        Set<String> co = at("co");
        assertTrue(co.containsAll(Set.of("config", "completion")), co.toString());
        assertTrue(co.stream().allMatch(w -> w.startsWith("co")), co.toString());
    }

    @Test
    void serviceArgumentsAreTheEnabledServicesThatMatch() {
        assertEquals(Set.of("web", "worker"), at("logs", "--tail", "5", ""));
        assertEquals(Set.of("web", "worker"), at("up", "-d", "w"));
        assertEquals(Set.of("web"), at("restart", "we"));
        assertEquals(Set.of("web", "worker"), at("exec", ""));
        assertEquals(Set.of(), at("exec", "web", ""), "after the service comes the command to run");
    }

    @Test
    void optionsOfTheCommandAndOptionValues() {
        assertTrue(at("up", "--").containsAll(Set.of("--wait", "--wait-timeout", "--detach")));
        assertEquals(Set.of("--wait", "--wait-timeout"), at("up", "--wai"));
        assertEquals(Set.of("jobs", "tools"), at("ps", "--profile", ""));
        assertEquals(Set.of(), at("logs", "--tail", ""), "a value to type, not a service");
        assertEquals(Set.of("AUTO", "JSON", "PLAIN", "QUIET", "TTY"), at("up", "--progress", ""));
        assertEquals(Set.of("bash", "zsh"), at("completion", ""));
    }

    @Test
    void rootOptionsBeforeTheCommandAreSkipped() {
        assertEquals(Set.of("login", "logout", "logs"), at("-f", file.toString(), "--profile", "jobs", "lo"));
        assertEquals(Set.of("web", "worker"), at("-f", file.toString(), "logs", "-f", "w"),
                "-f after logs is --follow, which takes no value");
        assertEquals(Set.of(), at("-f", ""), "a file name (the shell completes it)");
        assertEquals(Set.of("jobs", "tools"), at("-f", file.toString(), "--profile", ""));
    }

    @Test
    void subcommandsOfACommandGroup() {
        assertEquals(Set.of("load", "save"), at("image", ""));
    }
}
