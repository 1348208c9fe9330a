package dev.berth.model.canonical;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A minimal dotenv reader used until the real one is wired in: {@code KEY=VALUE} lines, {@code #} comments,
 * {@code export } prefix, single quotes literal, double quotes with {@code \n \t \\ \"} escapes, unquoted
 * inline comments after a space, bare {@code KEY} unset. No interpolation. {@code raw} format keeps values verbatim.
 */
final class SimpleEnvFileReader implements EnvFileReader {

    @Override
    public Map<String, String> read(Path file, String format, Function<String, Optional<String>> lookup) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        for (String rawLine : text.split("\r?\n")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                out.put(line, lookup.apply(line).orElse(null));
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1);
            out.put(key, "raw".equals(format) ? value : unquote(value.strip()));
        }
        return out;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.indexOf('\'', 1) > 0) {
            return value.substring(1, value.indexOf('\'', 1));
        }
        if (value.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i + 1 < value.length()) {
                    char n = value.charAt(++i);
                    out.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> n;
                    });
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).strip() : value;
    }
}
