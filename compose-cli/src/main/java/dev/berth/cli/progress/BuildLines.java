package dev.berth.cli.progress;

import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.plan.Operation;
import dev.berth.runtime.BuildEvent;
import java.util.Optional;

/**
 * Build progress as text lines, prefixed by the image: {@code [web 2/5] COPY index.html /www/},
 * {@code [web 2/5] CACHED}, {@code [web] <output line>}, {@code [web] warning: ...}.
 */
final class BuildLines {
    private BuildLines() {}

    static Optional<String> render(EngineEvent.BuildProgress progress) {
        String image = progress.step().operation() instanceof Operation.BuildImage b
                ? b.spec().image().value() : progress.step().operation().target();
        BuildEvent e = progress.event();
        String counted = e.steps() > 0 ? "[" + image + " " + e.step() + "/" + e.steps() + "] " : "[" + image + "] ";
        return switch (e.kind()) {
            case STEP -> Optional.of(counted + e.text());
            case CACHED -> Optional.of(counted + "CACHED");
            case OUTPUT -> Optional.of("[" + image + "] " + e.text());
            case WARNING -> Optional.of("[" + image + "] warning: " + e.text());
            case IMAGE -> Optional.empty();
        };
    }
}
