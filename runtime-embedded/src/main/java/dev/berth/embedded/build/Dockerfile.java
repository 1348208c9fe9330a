package dev.berth.embedded.build;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed Dockerfile: parser directives ({@code # syntax}, {@code # escape}), the global ARGs declared before the
 * first FROM, and the stages in order.
 */
public record Dockerfile(String syntax, char escape, List<Instruction> globalArgs, List<Stage> stages) {
    public Dockerfile {
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
    }

    /** A stage by {@code AS} name (case-insensitive) or by index. */
    public Optional<Stage> stage(String nameOrIndex) {
        String wanted = nameOrIndex.toLowerCase(Locale.ROOT);
        for (Stage stage : stages) {
            if (wanted.equals(stage.name())) {
                return Optional.of(stage);
            }
        }
        if (wanted.matches("[0-9]+")) {
            int index = Integer.parseInt(wanted);
            if (index < stages.size()) {
                return Optional.of(stages.get(index));
            }
        }
        return Optional.empty();
    }

    /** A stage defined before {@code before} by name or index (what {@code FROM x} and {@code --from=x} see). */
    public Optional<Stage> earlierStage(String nameOrIndex, int before) {
        return stage(nameOrIndex).filter(s -> s.index() < before);
    }
}
