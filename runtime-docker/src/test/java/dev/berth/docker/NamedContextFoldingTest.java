package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.docker.NamedContextFolding.Extra;
import dev.berth.docker.NamedContextFolding.Folded;
import dev.berth.docker.NamedContextFolding.NotFoldable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedContextFoldingTest {
  @TempDir
  Path work;
  private Path context;
  private Path tools;

  @BeforeEach
  void layout() throws Exception {
    context = Files.createDirectories(work.resolve("app"));
    tools = Files.createDirectories(work.resolve("tools/bin"));
    Files.writeString(tools.resolve("run.sh"), "#!/bin/sh\n");
    Files.writeString(tools.resolve("check.sh"), "#!/bin/sh\n");
    Files.writeString(tools.resolve("README"), "tools\n");
  }

  private Folded fold(String dockerfile) throws NotFoldable {
    return NamedContextFolding.fold(dockerfile, context, Map.of("tools", "../tools"));
  }

  @Test
  void aCopyFromANamedDirectoryCopiesFromItsFilesInsideTheContext() throws Exception {
    Folded folded = NamedContextFolding.fold("FROM scratch\nCOPY --from=tools bin/run.sh /usr/local/bin/\n",
        context, Map.of("tools", "../tools"));
    assertEquals("FROM scratch\nCOPY [\".berth-contexts/tools/bin/run.sh\",\"/usr/local/bin/\"]\n",
        folded.dockerfile());
    assertEquals(List.of(new Extra(tools.resolve("run.sh").toRealPath(), ".berth-contexts/tools/bin/run.sh")),
        folded.extras());
  }

  @Test
  void otherFlagsStayAndContinuationLinesKeepTheLineNumbers() throws Exception {
    Folded folded = fold("""
        FROM scratch
        # a comment
        COPY --chown=1:2 --from=tools \\
          # between continuation lines
          bin/run.sh \\
          /x/
        RUN false
        """);
    List<String> lines = folded.dockerfile().lines().toList();
    assertEquals("COPY --chown=1:2 [\".berth-contexts/tools/bin/run.sh\",\"/x/\"]", lines.get(2));
    assertEquals(List.of("", "", ""), lines.subList(3, 6));
    assertEquals("RUN false", lines.get(6), "the next instruction stays on its line");
  }

  @Test
  void patternsAndJsonFormNameOnlyTheMatchingFiles() throws Exception {
    Folded folded = fold("FROM scratch\nCOPY --from=tools [\"bin/*.sh\", \"/x/\"]\n");
    assertTrue(folded.dockerfile().contains("[\".berth-contexts/tools/bin/*.sh\",\"/x/\"]"), folded.dockerfile());
    assertEquals(List.of(".berth-contexts/tools/bin/check.sh", ".berth-contexts/tools/bin/run.sh"),
        folded.extras().stream().map(Extra::archiveName).toList(), "README is not sent");
  }

  @Test
  void aSourceIsClampedToItsContextAsDockerDoes() throws Exception {
    Files.writeString(work.resolve("outside"), "no\n");
    Folded folded = fold("FROM scratch\nCOPY --from=tools ../../bin/run.sh /x\n");
    assertEquals(List.of(new Extra(tools.resolve("run.sh").toRealPath(), ".berth-contexts/tools/bin/run.sh")),
        folded.extras());
    assertTrue(assertThrows(NotFoldable.class, () -> fold("FROM scratch\nCOPY --from=tools ../outside /x\n"))
        .getMessage().contains("outside does not exist"));
  }

  @Test
  void copiesFromStagesAndTheMainContextAreLeftAlone() throws Exception {
    String dockerfile = "FROM scratch AS build\nCOPY a /a\nFROM scratch\nCOPY --from=build /a /a\n";
    Folded folded = fold(dockerfile);
    assertEquals(dockerfile, folded.dockerfile());
    assertEquals(List.of(), folded.extras());
  }

  @Test
  void theEscapeDirectiveIsHonoured() throws Exception {
    Folded folded = fold("# escape=`\nFROM scratch\nCOPY --from=tools `\n bin/run.sh /x\n");
    assertEquals("COPY [\".berth-contexts/tools/bin/run.sh\",\"/x\"]", folded.dockerfile().lines().toList().get(2));
  }

  @Test
  void usesTheClassicBuilderCannotExpressAreRefusedWithTheReason() {
    assertTrue(assertThrows(NotFoldable.class, () -> fold("FROM tools\n")).getMessage().contains("FROM tools"));
    assertTrue(assertThrows(NotFoldable.class, () -> fold("FROM --platform=linux/amd64 tools\n")).getMessage()
        .contains("FROM tools"), "the base image word comes after FROM's flags");
    assertTrue(assertThrows(NotFoldable.class, () -> fold("FROM scratch\nRUN --mount=type=bind,from=tools,"
        + "target=/t true\n")).getMessage().contains("RUN --mount"));
    assertTrue(assertThrows(NotFoldable.class, () -> NamedContextFolding.fold("FROM scratch\n", context,
        Map.of("base", "docker-image://busybox:1"))).getMessage().contains("not a local directory"));
    assertTrue(assertThrows(NotFoldable.class, () -> fold("FROM scratch\nCOPY --from=tools bin/missing /x\n"))
        .getMessage().contains("bin/missing does not exist"));
  }
}
