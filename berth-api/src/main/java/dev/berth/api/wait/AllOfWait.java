package dev.berth.api.wait;

import java.util.List;
import java.util.stream.Collectors;

/** Ready when every strategy is, asked in order; the first answer that is not ready is the answer. */
final class AllOfWait implements WaitStrategy {
    private final List<WaitStrategy> strategies;

    AllOfWait(List<WaitStrategy> strategies) {
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("allOf needs at least one strategy");
        }
        this.strategies = List.copyOf(strategies);
    }

    @Override
    public Readiness check(WaitTarget target) {
        for (WaitStrategy s : strategies) {
            Readiness r = s.check(target);
            if (!r.isReady()) {
                return r;
            }
        }
        return Readiness.ready();
    }

    @Override
    public String describe() {
        return strategies.stream().map(WaitStrategy::describe).collect(Collectors.joining(" and "));
    }
}
