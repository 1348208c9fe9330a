package dev.berth.model.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the shared conformance corpus is: {@code ../shared/conformance} beside the repository. The one locator
 * for every corpus test of this module; each test decides for itself how to skip when the corpus is absent.
 */
public final class ConformanceCorpus {

    private ConformanceCorpus() {
    }

    /**
     * Walks up from the working directory and returns the first {@code <ancestor>/../shared/conformance} that
     * holds a {@code cases} directory, so it is found from the module or the repository root, whether the
     * repository is {@code /work/main} or a clone elsewhere with {@code shared/} beside it.
     */
    public static Optional<Path> root() {
        // Stops below the file-system root, which has no sibling (resolveSibling would return a relative path).
        for (Path dir = Path.of("").toAbsolutePath(); dir.getParent() != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("conformance");
            if (Files.isDirectory(candidate.resolve("cases"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
