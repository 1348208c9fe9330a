package dev.berth.engine.compose;

import dev.berth.model.load.LoadOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.load.ProjectLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads a compose file written into a directory, as the CLI would. */
final class Projects {
  private Projects() {}

  static LoadedProject load(Path dir, String yaml) {
    try {
      Files.writeString(dir.resolve("compose.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ProjectLoader.load(LoadOptions.defaults(dir, Map.of()).withFiles(List.of("compose.yaml")));
  }
}
