package dev.berth.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** What the shell offers at each position of a line, from the command tree and the loaded project. */
class ShellCompleterTest {
    @TempDir
    Path dir;

    private ShellCompleter completer;

    @BeforeEach
    void project() throws Exception {
        Path file = Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web: {image: busybox:latest}
                  worker: {image: busybox:latest, profiles: [jobs]}
                  debug: {image: busybox:latest, profiles: [tools]}
                """);
        ProjectVocabulary vocabulary = new ProjectVocabulary(CommandTree::commandLine,
                List.of("-f", file.toString(), "--profile", "jobs"));
        vocabulary.reload();
        completer = new ShellCompleter(CommandTree.commandLine(), Repl.BUILTINS, vocabulary);
    }

    private Set<String> at(String... words) {
        return new TreeSet<>(completer.candidates(List.of(words), words.length - 1));
    }

    @Test
    void theFirstWordIsACommandOrAShellWord() {
        Set<String> first = at("");
        assertTrue(first.containsAll(Set.of("up", "ps", "logs", "config", "exit", "status", "use")), first.toString());
    }

    @Test
    void serviceArgumentsAreTheEnabledServices() {
        assertEquals(Set.of("web", "worker"), at("logs", "--tail", "5", ""));
        assertEquals(Set.of("web", "worker"), at("up", "-d", "w"));
    }

    @Test
    void optionsOfTheCommandAndProfileValues() {
        assertTrue(at("up", "--").containsAll(Set.of("--wait", "--wait-timeout", "--detach")));
        assertEquals(Set.of("jobs", "tools"), at("ps", "--profile", ""));
        assertEquals(Set.of(), at("logs", "--tail", ""), "a value to type, not a service");
    }

    @Test
    void subcommandsOfACommandGroup() {
        assertEquals(Set.of("load", "save"), at("image", ""));
    }
}
