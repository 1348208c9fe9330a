package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstructionFlagsTest {
  private static InstructionFlags of(String instruction) {
    return InstructionFlags.of(instruction.split("\\s+"));
  }

  @Test
  void leadingDashWordsAreFlagsAndTheArgumentsStartAfterThem() {
    InstructionFlags flags = of("COPY --chown=1:2 --link --from=tools a /b");
    assertEquals(List.of(new InstructionFlags.Flag("--chown=1:2", "chown", "1:2"),
        new InstructionFlags.Flag("--link", "link", ""), new InstructionFlags.Flag("--from=tools", "from", "tools")),
        flags.flags());
    assertEquals(4, flags.argumentsAt());
    assertEquals(List.of("--chown=1:2", "--link"), flags.wordsExcept("from"));
  }

  @Test
  void aDashWordAfterTheFirstArgumentIsNotAFlag() {
    InstructionFlags flags = of("RUN echo --mount=from=tools");
    assertEquals(List.of(), flags.flags());
    assertEquals(1, flags.argumentsAt());
  }

  @Test
  void theLastOfARepeatedFlagCountsAndOptionsOfAValueAreFound() {
    InstructionFlags flags = of("RUN --mount=type=bind,from=a,target=/t --mount=from=b --network=none true");
    assertEquals(Optional.of("from=b"), flags.value("mount"));
    assertEquals(Optional.empty(), flags.value("from"));
    assertEquals(List.of("a"), flags.named("mount").get(0).option("from"));
    assertEquals(List.of("/t"), flags.named("mount").get(0).option("target"));
    assertEquals(4, flags.argumentsAt());
  }
}
