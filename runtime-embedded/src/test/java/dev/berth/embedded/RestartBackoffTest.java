package dev.berth.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.embedded.oci.ContainerConfig.RestartPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
    private static final Duration SHORT = Duration.ofSeconds(1);

    @Test
    void delaysDoubleFrom100msUpToOneMinute() {
        RestartBackoff backoff = new RestartBackoff();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            delays.add(backoff.next(RestartPolicy.parse("always"), 0, false, i, SHORT).orElseThrow().toMillis());
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 51200L, 60000L, 60000L), delays);
    }

    @Test
    void tenSecondsOfUptimeResetTheBackoff() {
        RestartBackoff backoff = new RestartBackoff();
        RestartPolicy always = RestartPolicy.parse("always");
        backoff.next(always, 1, false, 0, SHORT);
        backoff.next(always, 1, false, 1, SHORT);
        assertEquals(Optional.of(Duration.ofMillis(100)), backoff.next(always, 1, false, 2, Duration.ofSeconds(10)));
    }

    @Test
    void policiesDecide() {
        assertEquals(Optional.empty(), new RestartBackoff().next(RestartPolicy.parse("no"), 1, false, 0, SHORT));
        assertEquals(Optional.empty(), new RestartBackoff().next(RestartPolicy.parse("on-failure"), 0, false, 0, SHORT));
        assertEquals(Optional.of(Duration.ofMillis(100)),
                new RestartBackoff().next(RestartPolicy.parse("on-failure"), 2, false, 0, SHORT));
        assertEquals(Optional.empty(), new RestartBackoff().next(RestartPolicy.parse("on-failure:3"), 2, false, 3, SHORT));
        assertEquals(Optional.empty(), new RestartBackoff().next(RestartPolicy.parse("unless-stopped"), 0, true, 0, SHORT));
        assertEquals(Optional.empty(), new RestartBackoff().next(RestartPolicy.parse("always"), 0, true, 0, SHORT));
    }

    @Test
    void healthFoldsProbesLikeDocker() {
        Health.Probe fail = new Health.Probe("a", "b", 1, "no");
        Health.Probe ok = new Health.Probe("a", "b", 0, "");
        Health health = Health.starting().after(fail, true, 2);
        assertEquals(new Health("starting", 0, List.of(fail)), health, "start period failures do not count");
        health = health.after(fail, false, 2);
        assertEquals("starting", health.status());
        health = health.after(fail, false, 2);
        assertEquals("unhealthy", health.status());
        assertEquals(2, health.failingStreak());
        health = health.after(ok, false, 2).after(ok, false, 2).after(ok, false, 2);
        assertEquals(new Health("healthy", 0, List.of(fail, fail, ok, ok, ok)), health, "the last 5 results are kept");
    }
}
