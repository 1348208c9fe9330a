package dev.berth.engine.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ImageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PullDeciderTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static PullCandidate candidate(String service, String image, String policy, boolean buildable,
                                           boolean present, Optional<Instant> lastPulled) {
        return new PullCandidate(service, ImageRef.of(image), Optional.empty(), PullPolicy.parse(policy), buildable,
                present, lastPulled);
    }

    @ParameterizedTest
    @CsvSource({"always, ALWAYS, ", "missing, MISSING, ", "if_not_present, MISSING, ", "never, NEVER, ",
        "build, BUILD, ", "daily, PERIODIC, PT24H", "weekly, PERIODIC, PT168H", "every_12h, PERIODIC, PT12H",
        "every_1h30m, PERIODIC, PT1H30M", "every_2w, PERIODIC, PT336H"})
    void policiesParseAsComposeWritesThem(String text, PullPolicy.Kind kind, Duration interval) {
        PullPolicy policy = PullPolicy.parse(text);
        assertEquals(kind, policy.kind());
        assertEquals(Optional.ofNullable(interval), policy.interval());
    }

    @Test
    void anInvalidPolicyNamesTheChoices() {
        var e = assertThrows(IllegalArgumentException.class, () -> PullPolicy.parse("sometimes"));
        assertTrue(e.getMessage().contains("use always, missing, never, build, daily, weekly or every_<duration>"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PullPolicy.parse("every_0h"));
        assertEquals(PullPolicy.MISSING, PullPolicy.parse(null), "Compose's default");
    }

    @Test
    void eachPolicyPullsWhenComposeWould() {
        List<PullCandidate> candidates = List.of(
                candidate("a", "a:1", "always", false, true, Optional.empty()),
                candidate("b", "b:1", "missing", false, true, Optional.empty()),
                candidate("c", "c:1", "missing", false, false, Optional.empty()),
                candidate("d", "d:1", "never", false, false, Optional.empty()),
                candidate("e", "e:1", "build", false, false, Optional.empty()),
                candidate("f", "f:1", "daily", false, true, Optional.of(NOW.minus(Duration.ofHours(25)))),
                candidate("g", "g:1", "daily", false, true, Optional.of(NOW.minus(Duration.ofHours(2)))),
                candidate("h", "h:1", "missing", true, false, Optional.empty()));
        List<ImagePull> pulls = PullDecider.decide(candidates, Optional.empty(), NOW);
        assertEquals(List.of("a:1", "c:1", "f:1"), pulls.stream().map(p -> p.image().value()).toList());
        assertEquals(List.of("pull_policy always", "image missing locally", "pull_policy every 24h, last pulled 25h ago"),
                pulls.stream().map(ImagePull::cause).toList());
    }

    @Test
    void anOverrideReplacesEveryServicesPolicyAndServicesSharingAnImageShareAPull() {
        List<PullCandidate> candidates = List.of(
                candidate("web", "app:1", "never", false, true, Optional.empty()),
                candidate("worker", "app:1", "missing", false, true, Optional.empty()));
        List<ImagePull> pulls = PullDecider.decide(candidates, Optional.of(PullPolicy.ALWAYS), NOW);
        assertEquals(1, pulls.size());
        assertEquals(List.of("web", "worker"), pulls.get(0).services());
        assertEquals(List.of(), PullDecider.decide(candidates, Optional.of(PullPolicy.NEVER), NOW));
    }
}
