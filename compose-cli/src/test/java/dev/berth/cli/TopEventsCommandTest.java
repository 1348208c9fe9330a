package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** top and events on the fake runtime. */
class TopEventsCommandTest {
    @TempDir
    Path dir;

    private Cli cli;
    private Instant before;

    @BeforeEach
    void up() {
        SharedFakeRuntimeProvider.reset();
        cli = new Cli(dir, UpDownCommandTest.PROJECT);
        before = Instant.now();
        assertEquals(0, cli.run("up", "-d").code());
        assertEquals(0, cli.run("stop", "-t", "0", "db").code());
    }

    @Test
    void topPrintsATablePerRunningContainer() {
        Cli.Result r = cli.run("top");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("demo-web-1", lines.get(0));
        assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"),
                List.of(lines.get(1).trim().split("\\s+")));
        assertTrue(lines.get(2).startsWith("root "), r.out());
        assertEquals(4, lines.size(), r.out());
        assertEquals("", cli.run("top", "db").out());
    }

    @Test
    void eventsReplaysTheProjectsContainerEventsAsTextAndJson() {
        Instant after = Instant.now();
        Cli.Result text = cli.run("events", "--since", before.toString(), "--until", after.toString(), "db");
        assertEquals(0, text.code(), text.err());
        List<String> actions = text.out().lines().map(l -> l.split(" ")[3]).toList();
        assertEquals(List.of("create", "start", "kill", "die", "stop"), actions, text.out());
        assertTrue(text.out().lines().allMatch(l -> l.matches(
                "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} container \\w+ [0-9a-f]{64} \\(.*"
                        + "com\\.docker\\.compose\\.service=db.*image=busybox:latest.*name=demo-db-1.*\\)")),
                text.out());
        Cli.Result json = cli.run("events", "--json", "--since", before.toString(), "--until", after.toString(),
                "db");
        String die = json.out().lines().filter(l -> l.contains("\"action\":\"die\"")).findFirst().orElseThrow();
        assertTrue(die.matches("\\{\"time\":\"[^\"]+\",\"type\":\"container\",\"action\":\"die\",\"id\":\"[0-9a-f]{64}\","
                + "\"service\":\"db\",\"attributes\":\\{.*\"exitCode\":\"143\".*\"name\":\"demo-db-1\".*}}"), die);
    }

    @Test
    void eventsRejectsABadTime() {
        Cli.Result r = cli.run("events", "--since", "yesterday");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--since yesterday is not an RFC 3339 time"), r.err());
    }
}
