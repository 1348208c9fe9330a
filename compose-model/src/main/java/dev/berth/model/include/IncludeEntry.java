package dev.berth.model.include;

import dev.berth.model.tree.Node;
import java.nio.file.Path;
import java.util.List;

/** One entry of the top-level {@code include}, its paths resolved; {@code node} is where it was written. */
record IncludeEntry(List<Path> files, Path projectDirectory, List<Path> envFiles, Node node) {

    IncludeEntry {
        files = List.copyOf(files);
        envFiles = List.copyOf(envFiles);
    }
}
