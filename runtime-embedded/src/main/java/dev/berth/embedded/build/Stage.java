package dev.berth.embedded.build;

import java.util.List;

/** One build stage: {@code FROM [--platform=p] base [AS name]} and its instructions (FROM excluded). */
public record Stage(int index, String name, String base, String platform, int line, List<Instruction> instructions) {
    public Stage {
        instructions = List.copyOf(instructions);
        name = name == null ? null : name.toLowerCase(java.util.Locale.ROOT);
    }

    /** The name to show: {@code AS} name, else the index. */
    public String displayName() {
        return name != null ? name : String.valueOf(index);
    }
}
