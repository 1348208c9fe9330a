package dev.berth.embedded.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} matcher with Docker's rules: Go {@code filepath.Match} patterns plus {@code **} (any number
 * of directories), patterns cleaned and made relative to the context root, {@code !} exceptions, the last matching
 * pattern wins, and a pattern that matches a directory also matches everything below it.
 */
public final class DockerIgnore {
    /** One cleaned pattern; {@code exclusion} is true for {@code !pattern}. */
    public record Rule(String pattern, boolean exclusion, Pattern regex) {
    }

    public static final DockerIgnore NONE = new DockerIgnore(List.of());
    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Reads {@code <dockerfile>.dockerignore} if present, else {@code <context>/.dockerignore}, else none. */
    public static DockerIgnore forContext(Path context, Path dockerfile) {
        try {
            if (dockerfile != null) {
                Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
                if (Files.isRegularFile(specific)) {
                    return parse(Files.readString(specific));
                }
            }
            Path file = context.resolve(".dockerignore");
            return Files.isRegularFile(file) ? parse(Files.readString(file)) : NONE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exclusion = line.startsWith("!");
            if (exclusion) {
                line = line.substring(1).strip();
            }
            String cleaned = clean(line);
            if (cleaned.isEmpty() || cleaned.equals(".")) {
                continue;
            }
            rules.add(new Rule(cleaned, exclusion, Pattern.compile(regex(cleaned))));
        }
        return new DockerIgnore(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exclusion);
    }

    /** True when the slash-separated path relative to the context is excluded from the build context. */
    public boolean excludes(String relativePath) {
        String path = clean(relativePath);
        boolean excluded = false;
        for (Rule rule : rules) {
            if (excluded == !rule.exclusion) {
                continue;
            }
            if (matchesOrParent(rule, path)) {
                excluded = !rule.exclusion;
            }
        }
        return excluded;
    }

    private static boolean matchesOrParent(Rule rule, String path) {
        if (rule.regex.matcher(path).matches()) {
            return true;
        }
        int slash = path.lastIndexOf('/');
        while (slash > 0) {
            path = path.substring(0, slash);
            if (rule.regex.matcher(path).matches()) {
                return true;
            }
            slash = path.lastIndexOf('/');
        }
        return false;
    }

    /** Go's filepath.Clean on a slash path, without a leading slash. */
    static String clean(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    static String regex(String pattern) {
        StringBuilder re = new StringBuilder("^");
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    i += 2;
                    if (i < pattern.length() && pattern.charAt(i) == '/') {
                        i++;
                        re.append("(.*/)?");
                    } else {
                        re.append(".*");
                    }
                    continue;
                }
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int end = pattern.indexOf(']', i + 1);
                if (end < 0) {
                    re.append("\\[");
                } else {
                    String body = pattern.substring(i + 1, end);
                    if (body.startsWith("^") || body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = end;
                }
            } else if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(i + 1))));
                i++;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return re.append('$').toString();
    }
}
