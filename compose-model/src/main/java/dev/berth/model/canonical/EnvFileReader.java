package dev.berth.model.canonical;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one {@code env_file} into ordered key/value pairs. {@code format} is the file's declared format
 * ({@code null} for the default dotenv format, {@code "raw"} for raw lines). {@code lookup} resolves
 * {@code ${VAR}} references inside the file. A key without value maps to {@code null} (unset).
 */
@FunctionalInterface
public interface EnvFileReader {

    Map<String, String> read(Path file, String format, Function<String, Optional<String>> lookup) throws IOException;
}
