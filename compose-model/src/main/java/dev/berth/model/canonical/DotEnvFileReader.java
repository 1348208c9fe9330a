package dev.berth.model.canonical;

import dev.berth.model.env.EnvEntry;
import dev.berth.model.env.EnvFileParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads an {@code env_file} with the same parser as the project's {@code .env} ({@link EnvFileParser}: quotes,
 * escapes, {@code export}, comments, interpolation); the {@code raw} format keeps every value verbatim.
 */
final class DotEnvFileReader implements EnvFileReader {

    @Override
    public Map<String, String> read(Path file, String format, Function<String, Optional<String>> lookup)
            throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        if ("raw".equals(format)) {
            for (String line : text.split("\r?\n")) {
                int eq = line.indexOf('=');
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.put((eq < 0 ? line : line.substring(0, eq)).strip(), eq < 0 ? null : line.substring(eq + 1));
                }
            }
            return out;
        }
        for (EnvEntry entry : EnvFileParser.parse(file.toString(), text, lookup)) {
            out.put(entry.name(), entry.value());
        }
        return out;
    }
}
