package dev.berth.runtime.fake;

import dev.berth.runtime.BuildEvent;
import dev.berth.runtime.BuildFailedException;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ExecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's Dockerfile interpreter: enough of the language to be honest about inputs. It reads the Dockerfile from
 * the context (or inline), rejects unknown instructions with their line, resolves {@code FROM} against the fake's
 * images (or {@code scratch}), substitutes {@code ARG}s, collects {@code ENV}, {@code LABEL}, {@code CMD} and
 * {@code ENTRYPOINT}, copies context files ({@code COPY}/{@code ADD}) into the image's readable files, takes another
 * image's whole content with {@code COPY --from=IMAGE / /}, and runs {@code RUN} through the base program's exec
 * (failing the build on a non-zero status; RUN's file changes are not modelled). Other instructions are accepted.
 */
final class FakeImageBuild {
  private static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE",
      "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
      "HEALTHCHECK", "SHELL");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  /** What an image is, for the fake: its program, readable files and config. */
  record Content(FakeProgram program, Map<String, String> files, Map<String, String> env,
                 Map<String, String> labels, List<String> entrypoint, List<String> cmd) {
    static final Content SCRATCH = new Content(null, Map.of(), Map.of(), Map.of(), List.of(), List.of());
  }

  private record Line(int number, String keyword, String rest) {}

  private final BuildSpec spec;
  private final Function<String, Optional<Content>> images;
  private final Consumer<BuildEvent> progress;
  private final Map<String, Content> stages = new HashMap<>();
  private final Map<String, String> args = new LinkedHashMap<>();

  private FakeImageBuild(BuildSpec spec, Function<String, Optional<Content>> images, Consumer<BuildEvent> progress) {
    this.spec = spec;
    this.images = images;
    this.progress = progress;
  }

  /** Interprets {@code spec}'s Dockerfile; {@code images} finds a local image's content by reference. */
  static Content build(BuildSpec spec, Function<String, Optional<Content>> images, Consumer<BuildEvent> progress) {
    return new FakeImageBuild(spec, images, progress).run();
  }

  private Content run() {
    if (!Files.isDirectory(spec.context())) {
      throw fail(OptionalInt.empty(), "build context " + spec.context() + " is not a directory",
          "set build.context to an existing directory");
    }
    List<Line> lines = parse(dockerfileText());
    if (lines.isEmpty() || !lines.get(0).keyword().equals("FROM") && !lines.get(0).keyword().equals("ARG")) {
      throw fail(OptionalInt.of(lines.isEmpty() ? 1 : lines.get(0).number()), "a Dockerfile must start with FROM",
          "add FROM <image> (or FROM scratch)");
    }
    Content current = null;
    String currentName = null;
    Map<String, String> labels = new LinkedHashMap<>();
    int step = 0;
    for (Line line : lines) {
      step++;
      progress.accept(BuildEvent.step(step, lines.size(), line.keyword() + " " + line.rest()));
      if (line.keyword().equals("FROM")) {
        if (currentName != null && spec.target().filter(currentName::equals).isPresent()) {
          break;
        }
        String[] words = substitute(line.rest()).split("\\s+");
        String ref = words[0];
        currentName = words.length >= 3 && words[1].equalsIgnoreCase("AS") ? words[2] : String.valueOf(stages.size());
        current = ref.equals("scratch") ? Content.SCRATCH : Optional.ofNullable(stages.get(ref))
            .or(() -> images.apply(ref)).orElseThrow(() -> fail(OptionalInt.of(line.number()),
                "FROM " + ref + ": no such stage or local image", "load, pull or build the base image first"));
        stages.put(currentName, current);
        continue;
      }
      if (current == null) {
        argument(line);
        continue;
      }
      current = apply(current, line, labels);
      stages.put(currentName, current);
    }
    if (spec.target().isPresent() && !stages.containsKey(spec.target().get())) {
      throw fail(OptionalInt.empty(), "target stage " + spec.target().get() + " is not defined",
          "name a stage of the Dockerfile (FROM ... AS NAME)");
    }
    Map<String, String> allLabels = new LinkedHashMap<>(current.labels());
    allLabels.putAll(labels);
    allLabels.putAll(spec.labels());
    FakeProgram program = current.program() instanceof FakeShell shell ? shell.withFiles(current.files())
        : current.program();
    return new Content(program, current.files(), current.env(), allLabels, current.entrypoint(), current.cmd());
  }

  private Content apply(Content c, Line line, Map<String, String> labels) {
    String rest = substitute(line.rest());
    switch (line.keyword()) {
      case "ARG" -> argument(line);
      case "ENV" -> {
        Map<String, String> env = new LinkedHashMap<>(c.env());
        env.putAll(pairs(rest));
        return new Content(c.program(), c.files(), env, c.labels(), c.entrypoint(), c.cmd());
      }
      case "LABEL" -> labels.putAll(pairs(rest));
      case "CMD" -> {
        return new Content(c.program(), c.files(), c.env(), c.labels(), c.entrypoint(), command(rest));
      }
      case "ENTRYPOINT" -> {
        return new Content(c.program(), c.files(), c.env(), c.labels(), command(rest), List.of());
      }
      case "COPY", "ADD" -> {
        return copy(c, line, rest);
      }
      case "RUN" -> {
        if (c.program() == null) {
          throw fail(OptionalInt.of(line.number()), "RUN needs a shell, but the image has none",
              "copy a shell into the image first");
        }
        Map<String, String> env = new LinkedHashMap<>(args);
        env.putAll(c.env());
        ExecResult r = c.program().exec(command(rest), env);
        r.stdout().lines().forEach(l -> progress.accept(BuildEvent.output(l)));
        if (r.exitCode() != 0) {
          throw fail(OptionalInt.of(line.number()), "RUN " + line.rest() + " returned a non-zero code: "
              + r.exitCode(), "fix the command");
        }
      }
      default -> { }
    }
    return c;
  }

  private Content copy(Content c, Line line, String rest) {
    List<String> words = new ArrayList<>(List.of(rest.trim().split("\\s+")));
    String from = null;
    while (!words.isEmpty() && words.get(0).startsWith("--")) {
      String flag = words.remove(0);
      if (flag.startsWith("--from=")) {
        from = flag.substring("--from=".length());
      }
    }
    if (words.size() < 2) {
      throw fail(OptionalInt.of(line.number()), line.keyword() + " needs a source and a destination",
          line.keyword() + " SRC... DEST");
    }
    String dest = words.get(words.size() - 1);
    List<String> sources = words.subList(0, words.size() - 1);
    Map<String, String> files = new HashMap<>(c.files());
    FakeProgram program = c.program();
    if (from != null) {
      String name = from;
      Content other = Optional.ofNullable(stages.get(name)).or(() -> images.apply(name))
          .orElseThrow(() -> fail(OptionalInt.of(line.number()), "COPY --from=" + name
              + ": no such stage or local image", "build or load it first"));
      if (sources.equals(List.of("/")) && dest.equals("/")) {
        files.putAll(other.files());
        program = other.program();
      } else {
        for (String source : sources) {
          String content = other.files().get(source);
          if (content == null) {
            throw fail(OptionalInt.of(line.number()), "COPY --from=" + name + " " + source + ": not found",
                "copy a file the stage or image holds");
          }
          files.put(target(dest, source, sources.size()), content);
        }
      }
    } else {
      Path context = spec.context().toAbsolutePath().normalize();
      for (String source : sources) {
        Path file = context.resolve(source).normalize();
        if (!file.startsWith(context)) {
          throw fail(OptionalInt.of(line.number()), line.keyword() + " " + source + " is outside the build context",
              "copy files from inside " + context);
        }
        try {
          files.put(target(dest, source, sources.size()), Files.readString(file));
        } catch (IOException e) {
          throw fail(OptionalInt.of(line.number()), line.keyword() + " " + source + ": not found in the build context "
              + context, "add the file or fix the path");
        }
      }
    }
    return new Content(program, files, c.env(), c.labels(), c.entrypoint(), c.cmd());
  }

  private static String target(String dest, String source, int count) {
    if (dest.endsWith("/") || count > 1) {
      return (dest.endsWith("/") ? dest : dest + "/") + Path.of(source).getFileName();
    }
    return dest;
  }

  private void argument(Line line) {
    String word = line.rest().trim();
    int eq = word.indexOf('=');
    String name = eq < 0 ? word : word.substring(0, eq);
    String value = spec.args().containsKey(name) ? spec.args().get(name)
        : eq < 0 ? args.get(name) : substitute(word.substring(eq + 1));
    args.put(name, value == null ? "" : value);
  }

  private String substitute(String text) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      m.appendReplacement(sb, Matcher.quoteReplacement(args.getOrDefault(name, "")));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static Map<String, String> pairs(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String trimmed = text.trim();
    if (!trimmed.contains("=")) {
      int space = trimmed.indexOf(' ');
      out.put(space < 0 ? trimmed : trimmed.substring(0, space), space < 0 ? "" : trimmed.substring(space + 1).trim());
      return out;
    }
    Matcher m = Pattern.compile("([^\\s=]+)=(\"[^\"]*\"|\\S*)").matcher(trimmed);
    while (m.find()) {
      String v = m.group(2);
      out.put(m.group(1), v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 ? v.substring(1, v.length() - 1)
          : v);
    }
    return out;
  }

  /** Exec form {@code ["a", "b"]} or shell form (run by {@code /bin/sh -c}). */
  private static List<String> command(String text) {
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      List<String> out = new ArrayList<>();
      Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(t);
      while (m.find()) {
        out.add(m.group(1).replace("\\\"", "\""));
      }
      return out;
    }
    return List.of("/bin/sh", "-c", t);
  }

  private String dockerfileText() {
    if (spec.dockerfileInline().isPresent()) {
      return spec.dockerfileInline().get();
    }
    Path file = spec.context().resolve(spec.dockerfile());
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw fail(OptionalInt.empty(), "no Dockerfile at " + file, "set build.dockerfile or add the file");
    } catch (IOException e) {
      throw fail(OptionalInt.empty(), "cannot read " + file + ": " + e.getMessage(), "check its permissions");
    }
  }

  private List<Line> parse(String text) {
    List<Line> out = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    StringBuilder pending = null;
    int start = 0;
    for (int i = 0; i < raw.length; i++) {
      String l = raw[i].stripTrailing();
      if (pending == null && (l.isBlank() || l.stripLeading().startsWith("#"))) {
        continue;
      }
      if (pending == null) {
        pending = new StringBuilder();
        start = i + 1;
      }
      if (l.endsWith("\\")) {
        pending.append(l, 0, l.length() - 1).append(' ');
        continue;
      }
      pending.append(l);
      String full = pending.toString().trim();
      pending = null;
      int space = full.indexOf(' ');
      String keyword = (space < 0 ? full : full.substring(0, space)).toUpperCase(java.util.Locale.ROOT);
      if (!INSTRUCTIONS.contains(keyword)) {
        throw fail(OptionalInt.of(start), "unknown instruction: " + keyword,
            "use one of the Dockerfile reference's instructions");
      }
      out.add(new Line(start, keyword, space < 0 ? "" : full.substring(space + 1)));
    }
    return out;
  }

  private BuildFailedException fail(OptionalInt line, String problem, String hint) {
    return new BuildFailedException(spec.image().value(), spec.dockerfileSource(), line, problem, hint);
  }
}
