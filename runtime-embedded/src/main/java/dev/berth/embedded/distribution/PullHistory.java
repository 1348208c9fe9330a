package dev.berth.embedded.distribution;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.embedded.image.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * When each reference was last pulled (or found up to date), for the periodic pull policies ({@code daily},
 * {@code every_12h}); one JSON file replaced atomically.
 */
public final class PullHistory {
    private final Path file;

    public PullHistory(Path file) {
        this.file = file;
    }

    public synchronized void record(String reference, Instant when) {
        Map<String, String> all = read();
        all.put(reference, when.toString());
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, Json.write(all));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pull history " + file, e);
        }
    }

    public synchronized Optional<Instant> lastPulled(String reference) {
        return Optional.ofNullable(read().get(reference)).map(Instant::parse);
    }

    private Map<String, String> read() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() { });
        } catch (IOException e) {
            // a damaged history only means the periodic policies pull once more
            return new TreeMap<>();
        }
    }
}
