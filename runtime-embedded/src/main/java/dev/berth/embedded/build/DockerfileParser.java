package dev.berth.embedded.build;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.embedded.image.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Dockerfile text into a {@link Dockerfile}: parser directives, comments, line continuations (with the
 * {@code # escape} character), heredocs, flags, exec and shell forms. Errors carry the line and a hint.
 */
public final class DockerfileParser {
    static final Set<String> KEYWORDS = Set.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD",
            "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
    private static final Map<String, Set<String>> FLAGS = Map.of(
            "FROM", Set.of("platform"),
            "RUN", Set.of("mount", "network", "security"),
            "COPY", Set.of("from", "chown", "chmod", "link", "parents", "exclude"),
            "ADD", Set.of("chown", "chmod", "link", "checksum", "keep-git-dir", "exclude"),
            "HEALTHCHECK", Set.of("interval", "timeout", "start-period", "start-interval", "retries"));
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");
    private static final Pattern STAGE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]*");

    private DockerfileParser() {
    }

    public static Dockerfile parse(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        String syntax = null;
        char escape = '\\';
        int i = 0;
        for (; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i].trim());
            if (!m.matches()) {
                break;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            if (key.equals("escape")) {
                if (!m.group(2).equals("\\") && !m.group(2).equals("`")) {
                    throw new DockerfileException(i + 1, "invalid escape directive '" + m.group(2) + "'",
                            "the escape character must be \\ or `");
                }
                escape = m.group(2).charAt(0);
            } else if (key.equals("syntax")) {
                syntax = m.group(2);
            }
        }
        List<Instruction> globalArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        StageDraft current = null;
        List<DockerfileException> problems = new ArrayList<>();
        while (i < lines.length) {
            String trimmed = lines[i].trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            StringBuilder logical = new StringBuilder();
            StringBuilder original = new StringBuilder();
            while (true) {
                String line = lines[i];
                original.append(line);
                i++;
                String stripped = stripTrailing(line);
                if (!stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape && !endsEscaped(stripped, escape)) {
                    logical.append(stripped, 0, stripped.length() - 1);
                    while (i < lines.length && (lines[i].trim().isEmpty() || lines[i].trim().startsWith("#"))) {
                        i++;
                    }
                    if (i >= lines.length) {
                        break;
                    }
                    original.append('\n');
                    continue;
                }
                logical.append(line);
                break;
            }
            String keyword = firstWord(logical.toString()).toUpperCase(Locale.ROOT);
            List<Instruction.Heredoc> heredocs = new ArrayList<>();
            if (keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD")) {
                Matcher m = HEREDOC.matcher(logical);
                while (m.find()) {
                    boolean strip = !m.group(1).isEmpty();
                    String name = m.group(3);
                    StringBuilder body = new StringBuilder();
                    boolean closed = false;
                    while (i < lines.length) {
                        String line = lines[i++];
                        original.append('\n').append(line);
                        String candidate = strip ? line.replaceFirst("^\t+", "") : line;
                        if (candidate.equals(name)) {
                            closed = true;
                            break;
                        }
                        body.append(candidate).append('\n');
                    }
                    if (!closed) {
                        throw new DockerfileException(start, "heredoc <<" + name + " is not terminated",
                                "end it with a line containing only " + name);
                    }
                    heredocs.add(new Instruction.Heredoc(name, body.toString(), m.group(2).isEmpty(), strip));
                }
            }
            try {
                Instruction instruction = instruction(start, logical.toString(), original.toString(), heredocs, escape);
                if (instruction.keyword().equals("FROM")) {
                    if (current != null) {
                        stages.add(current.build());
                    }
                    current = from(instruction, stages.size(), stages);
                } else if (current == null) {
                    if (!instruction.keyword().equals("ARG")) {
                        throw new DockerfileException(start, instruction.keyword() + " before the first FROM",
                                "only ARG may come before FROM; start the stage with FROM <image> or FROM scratch");
                    }
                    globalArgs.add(instruction);
                } else {
                    current.instructions.add(instruction);
                }
            } catch (DockerfileException e) {
                problems.add(e);
            }
        }
        if (current == null && problems.isEmpty()) {
            throw new DockerfileException(0, "the Dockerfile has no FROM instruction", "start it with FROM <image>");
        }
        if (!problems.isEmpty()) {
            throw DockerfileException.of(problems);
        }
        stages.add(current.build());
        return new Dockerfile(syntax, escape, globalArgs, stages);
    }

    /** Parses one instruction line (also used for ONBUILD triggers). */
    static Instruction instruction(int line, String text, String original, List<Instruction.Heredoc> heredocs, char escape) {
        String trimmed = text.strip();
        String word = firstWord(trimmed);
        String keyword = word.toUpperCase(Locale.ROOT);
        if (!KEYWORDS.contains(keyword)) {
            String near = closest(keyword);
            throw new DockerfileException(line, "unknown instruction: " + word,
                    near != null ? "did you mean " + near + "?" : "instructions are " + String.join(", ", KEYWORDS.stream().sorted().toList()));
        }
        String rest = trimmed.substring(word.length()).strip();
        List<Instruction.Flag> flags = new ArrayList<>();
        Set<String> allowed = FLAGS.getOrDefault(keyword, Set.of());
        while (rest.startsWith("--") && !allowed.isEmpty()) {
            int end = 0;
            while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                end++;
            }
            String token = rest.substring(2, end);
            int eq = token.indexOf('=');
            String name = eq < 0 ? token : token.substring(0, eq);
            if (!allowed.contains(name)) {
                throw new DockerfileException(line, "unknown flag --" + name + " for " + keyword,
                        keyword + " accepts " + allowed.stream().sorted().map(f -> "--" + f).toList());
            }
            flags.add(new Instruction.Flag(name, eq < 0 ? null : token.substring(eq + 1)));
            rest = rest.substring(end).strip();
        }
        if (allowed.isEmpty() && rest.startsWith("--") && !keyword.equals("ONBUILD") && !keyword.equals("RUN")
                && !keyword.equals("CMD") && !keyword.equals("ENTRYPOINT")) {
            String flag = firstWord(rest);
            throw new DockerfileException(line, "unknown flag " + flag + " for " + keyword, keyword + " takes no flags");
        }
        List<String> exec = execForm(rest);
        Instruction instruction = new Instruction(line, keyword, flags, rest, exec, heredocs, original.strip());
        validate(instruction, escape);
        return instruction;
    }

    private static void validate(Instruction in, char escape) {
        String rest = in.rest();
        int line = in.line();
        String kw = in.keyword();
        if (rest.isEmpty() && !kw.equals("CMD") && !kw.equals("ENTRYPOINT")) {
            throw new DockerfileException(line, kw + " requires at least one argument", usage(kw));
        }
        ShellLexer lexer = new ShellLexer(escape);
        try {
            switch (kw) {
                case "FROM" -> {
                    int n = lexer.words(rest, v -> "x").size();
                    if (n != 1 && n != 3) {
                        throw new DockerfileException(line, "FROM takes an image and an optional AS name", usage(kw));
                    }
                }
                case "ARG" -> {
                    for (String arg : lexer.words(rest, v -> "")) {
                        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                        if (name.isEmpty()) {
                            throw new DockerfileException(line, "ARG names a variable before '='", usage(kw));
                        }
                    }
                }
                case "ENV", "LABEL" -> KeyValues.parse(kw, rest, lexer, v -> "");
                case "SHELL" -> {
                    if (!in.isExecForm() || in.execForm().isEmpty()) {
                        throw new DockerfileException(line, "SHELL requires the JSON form", "write SHELL [\"/bin/sh\", \"-c\"]");
                    }
                }
                case "COPY", "ADD" -> {
                    List<String> args = in.isExecForm() ? in.execForm() : lexer.words(rest, v -> "x");
                    if (args.size() < 2) {
                        throw new DockerfileException(line, kw + " requires a source and a destination", usage(kw));
                    }
                    if (in.flag("from").isPresent() && kw.equals("ADD")) {
                        throw new DockerfileException(line, "ADD does not accept --from", "use COPY --from=<stage>");
                    }
                }
                case "HEALTHCHECK" -> {
                    String first = firstWord(rest).toUpperCase(Locale.ROOT);
                    if (first.equals("NONE")) {
                        if (!rest.strip().equalsIgnoreCase("NONE") || !in.flags().isEmpty()) {
                            throw new DockerfileException(line, "HEALTHCHECK NONE takes no arguments", usage(kw));
                        }
                    } else if (!first.equals("CMD") || rest.strip().length() == 3) {
                        throw new DockerfileException(line, "HEALTHCHECK needs CMD <command> or NONE", usage(kw));
                    }
                    for (Instruction.Flag f : in.flags()) {
                        if (f.name().equals("retries")) {
                            Durations.parseRetries(f.value());
                        } else {
                            Durations.parseNanos(f.value());
                        }
                    }
                }
                case "ONBUILD" -> {
                    String inner = firstWord(rest).toUpperCase(Locale.ROOT);
                    if (inner.equals("ONBUILD") || inner.equals("FROM") || inner.equals("MAINTAINER")) {
                        throw new DockerfileException(line, inner + " is not allowed as an ONBUILD trigger",
                                "ONBUILD takes any instruction except ONBUILD, FROM and MAINTAINER");
                    }
                    instruction(line, rest, rest, List.of(), escape);
                }
                case "RUN" -> {
                    for (String mount : in.flags("mount")) {
                        RunMount.parse(mount, line);
                    }
                }
                default -> {
                }
            }
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(line, e.getMessage(), usage(kw));
        }
    }

    private static String usage(String keyword) {
        return switch (keyword) {
            case "FROM" -> "usage: FROM [--platform=<platform>] <image> [AS <name>]";
            case "ARG" -> "usage: ARG <name>[=<default value>]";
            case "ENV" -> "usage: ENV <key>=<value> ...";
            case "LABEL" -> "usage: LABEL <key>=<value> ...";
            case "COPY" -> "usage: COPY [--from=<stage>] [--chown=<user>:<group>] [--chmod=<perms>] <src>... <dest>";
            case "ADD" -> "usage: ADD [--chown=<user>:<group>] [--chmod=<perms>] <src>... <dest>";
            case "HEALTHCHECK" -> "usage: HEALTHCHECK [--interval=30s --timeout=30s --start-period=0s --retries=3] CMD <command> | NONE";
            case "RUN" -> "usage: RUN [--mount=type=cache,target=<path>] <command>";
            default -> "see the Dockerfile reference for " + keyword;
        };
    }

    private static StageDraft from(Instruction in, int index, List<Stage> earlier) {
        List<String> words = new ShellLexer('\\').words(in.rest(), v -> "${" + v + "}");
        String name = null;
        if (words.size() == 3) {
            if (!words.get(1).equalsIgnoreCase("AS")) {
                throw new DockerfileException(in.line(), "FROM expects AS before the stage name, found '" + words.get(1) + "'",
                        usage("FROM"));
            }
            name = words.get(2);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw new DockerfileException(in.line(), "invalid stage name '" + name + "'",
                        "stage names start with a letter and use letters, digits, '_', '.', '-'");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            for (Stage s : earlier) {
                if (lower.equals(s.name())) {
                    throw new DockerfileException(in.line(), "duplicate stage name '" + name + "'",
                            "it was already used at line " + s.line());
                }
            }
        }
        String base = in.rest().strip().split("\\s+")[0];
        return new StageDraft(index, name, base, in.flag("platform").orElse(null), in.line());
    }

    private static List<String> execForm(String rest) {
        String trimmed = rest.strip();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(trimmed, new TypeReference<List<String>>() {
            });
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstWord(String text) {
        String s = text.strip();
        int end = 0;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end);
    }

    private static String stripTrailing(String line) {
        return line.stripTrailing();
    }

    private static boolean endsEscaped(String line, char escape) {
        return false;
    }

    private static String closest(String keyword) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : KEYWORDS) {
            int d = distance(keyword, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    private static final class StageDraft {
        final int index;
        final String name;
        final String base;
        final String platform;
        final int line;
        final List<Instruction> instructions = new ArrayList<>();

        StageDraft(int index, String name, String base, String platform, int line) {
            this.index = index;
            this.name = name;
            this.base = base;
            this.platform = platform;
            this.line = line;
        }

        Stage build() {
            return new Stage(index, name, base, platform, line, instructions);
        }
    }
}
