package dev.berth.daemon.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.ExecConfig;
import dev.berth.runtime.LabelSelector;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Query parameters and small protocol pieces: logs options, filters, stream frames, events, exec sessions. */
class RequestParsingTest {

    private static LogRequest logs(Map<String, String> params) {
        return LogRequest.parse(n -> Optional.ofNullable(params.get(n)),
                n -> params.containsKey(n) && (params.get(n).equals("1") || params.get(n).equals("true")));
    }

    @Test
    void logParametersFollowDockerConventions() {
        LogRequest r = logs(Map.of("stdout", "1", "since", "1700000000.5", "until", "0", "tail", "all",
                "follow", "true"));
        assertTrue(r.stdout());
        assertFalse(r.stderr());
        assertEquals(Optional.of(Instant.ofEpochSecond(1700000000, 500_000_000)), r.since());
        assertEquals(Optional.empty(), r.until(), "0 means unbounded");
        assertEquals(-1, r.tail());
        assertTrue(r.follow());
        assertEquals(3, logs(Map.of("tail", "3")).tail());
        assertEquals(Optional.of(Instant.parse("2024-01-02T03:04:05Z")),
                logs(Map.of("since", "2024-01-02T03:04:05Z")).since());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> logs(Map.of("tail", "x")));
        assertTrue(bad.getMessage().startsWith("tail:"), bad.getMessage());
    }

    @Test
    void filtersAcceptListsAndSetsAndBecomeLabelSelectors() {
        Filters lists = Filters.parse(Optional.of("{\"label\":[\"a=1\",\"b\"],\"name\":[\"web\"]}"));
        Filters sets = Filters.parse(Optional.of("{\"label\":{\"a=1\":true,\"b\":true}}"));
        LabelSelector expected = LabelSelector.all().and("a", "1").andPresent("b");
        assertEquals(expected, lists.labels());
        assertEquals(expected, sets.labels());
        assertTrue(lists.anyOrNone("name", "web"::equals));
        assertFalse(lists.anyOrNone("name", "db"::equals));
        assertTrue(lists.anyOrNone("status", s -> false), "no values: no restriction");
        assertThrows(IllegalArgumentException.class, () -> Filters.parse(Optional.of("{not json")));
    }

    @Test
    void framesCarryStreamAndSizeInAnEightByteHeaderUnlessTty() throws Exception {
        ByteArrayOutputStream muxed = new ByteArrayOutputStream();
        new StreamFrames(muxed, false).write(true, "err\n");
        assertEquals(List.of(2, 0, 0, 0, 0, 0, 0, 4), header(muxed.toByteArray()));
        assertEquals("err\n", new String(muxed.toByteArray(), 8, 4, java.nio.charset.StandardCharsets.UTF_8));
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        new StreamFrames(raw, true).write(false, "out\n");
        assertEquals("out\n", raw.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static List<Integer> header(byte[] b) {
        return List.of((int) b[0], (int) b[1], (int) b[2], (int) b[3], (int) b[4], (int) b[5], (int) b[6],
                (int) b[7]);
    }

    @Test
    void eventFiltersSelectByTypeActionContainerAndLabel() {
        EventLog.Event start = new EventLog.Event("container", "start", "abc123",
                Map.of("name", "web", "image", "busybox", "tier", "front"), Instant.now());
        assertTrue(EventView.matches(start, Filters.parse(Optional.of("{\"container\":[\"web\"]}"))));
        assertTrue(EventView.matches(start, Filters.parse(Optional.of("{\"container\":[\"abc\"]}"))));
        assertTrue(EventView.matches(start, Filters.parse(Optional.of("{\"label\":[\"tier=front\"]}"))));
        assertFalse(EventView.matches(start, Filters.parse(Optional.of("{\"event\":[\"die\"]}"))));
        assertFalse(EventView.matches(start, Filters.parse(Optional.of("{\"type\":[\"network\"]}"))));
        assertEquals("start", EventView.of(start).get("status").asText());
        assertEquals("web", EventView.of(start).at("/Actor/Attributes/name").asText());
    }

    @Test
    void theEventLogKeepsTheLatestEventsAndFeedsSubscribers() throws Exception {
        EventLog log = new EventLog();
        for (int i = 0; i < EventLog.KEPT + 5; i++) {
            log.publish("volume", "create", "v" + i, Map.of());
        }
        assertEquals(EventLog.KEPT, log.recent().size());
        assertEquals("v5", log.recent().get(0).actorId());
        try (EventLog.Subscription feed = log.subscribe()) {
            log.publish("volume", "destroy", "v9", Map.of());
            List<EventLog.Event> got = new java.util.ArrayList<>();
            feed.queue().drainTo(got);
            assertEquals("destroy", got.get(got.size() - 1).action());
        }
    }

    @Test
    void anExecStartsOnce() {
        ExecSessions execs = new ExecSessions();
        ExecSessions.Session s = execs.create("c1", ExecConfig.of("true"), false, false,
                dev.berth.runtime.io.DetachKeys.DEFAULT);
        ExecSessions.Session started = execs.start(s.id(), true);
        assertTrue(started.running());
        assertTrue(started.tty(), "a start asking for Tty gives the exec a terminal");
        assertThrows(IllegalStateException.class, () -> execs.start(s.id(), false));
        execs.finish(s.id(), 3);
        assertEquals(Optional.of(3), execs.find(s.id()).orElseThrow().exitCode());
        assertThrows(IllegalArgumentException.class, () -> execs.start("nope", false));
    }
}
