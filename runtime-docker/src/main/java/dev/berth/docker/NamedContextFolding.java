package dev.berth.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.GoLangFileMatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Gives the classic builder named local build contexts, which only BuildKit knows: each {@code COPY --from=NAME}
 * whose NAME is an additional context naming a directory is rewritten to copy from {@code .berth-contexts/NAME/}
 * inside the main context, and the files its sources name are added there to the context archive. Nothing else of
 * the named directory is sent. The rewritten instruction keeps its first line and its continuation lines become
 * empty, so the daemon's errors still name the user's Dockerfile lines.
 *
 * <p>What this cannot express is refused with the reason before anything is sent: a named context used in
 * {@code FROM} or {@code RUN --mount}, or one that is an image ({@code docker-image://}) or a stage
 * ({@code target:}).
 */
final class NamedContextFolding {
  /** Where the named contexts' files go inside the main context archive. */
  static final String PREFIX = ".berth-contexts/";

  private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z]+)\\s*=\\s*(\\S+)\\s*$");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A host file or directory that goes into the context archive under {@code archiveName}. */
  record Extra(Path source, String archiveName) {}

  /** The Dockerfile to send instead of the user's, and the files to add to the context. */
  record Folded(String dockerfile, List<Extra> extras) {}

  /** Thrown when the Dockerfile uses a named context in a way the classic builder cannot be given. */
  static final class NotFoldable extends Exception {
    NotFoldable(String message) {
      super(message);
    }
  }

  private NamedContextFolding() {}

  /**
   * Folds the named contexts used by {@code dockerfile} into the main context at {@code context}.
   *
   * @param contexts the build's additional contexts, name to value (a directory, absolute or relative to the
   *     context; {@code docker-image://REF}; {@code target:STAGE})
   */
  static Folded fold(String dockerfile, Path context, Map<String, String> contexts) throws NotFoldable {
    for (Map.Entry<String, String> c : contexts.entrySet()) {
      if (c.getValue().startsWith("docker-image://") || c.getValue().startsWith("target:")
          || c.getValue().contains("://")) {
        throw new NotFoldable("additional context " + c.getKey() + " (" + c.getValue() + ") is not a local"
            + " directory");
      }
    }
    List<String> lines = new ArrayList<>(Arrays.asList(dockerfile.split("\n", -1)));
    char escape = escapeCharacter(lines);
    Set<Extra> extras = new LinkedHashSet<>();
    int i = 0;
    while (i < lines.size()) {
      int first = i;
      StringBuilder logical = new StringBuilder();
      String line = lines.get(i);
      if (line.strip().startsWith("#") || line.isBlank()) {
        i++;
        continue;
      }
      while (continues(line, escape) && i + 1 < lines.size()) {
        logical.append(line, 0, line.stripTrailing().length() - 1).append(' ');
        line = lines.get(++i);
        while (line.strip().startsWith("#") && i + 1 < lines.size()) {   // comments inside continuations
          line = lines.get(++i);
        }
      }
      logical.append(line);
      i++;
      Optional<String> rewritten = rewrite(logical.toString().strip(), context, contexts, extras);
      if (rewritten.isPresent()) {
        lines.set(first, rewritten.get());
        for (int k = first + 1; k < i; k++) {
          lines.set(k, "");
        }
      }
    }
    return new Folded(String.join("\n", lines), List.copyOf(extras));
  }

  private static Optional<String> rewrite(String instruction, Path context, Map<String, String> contexts,
      Set<Extra> extras) throws NotFoldable {
    String[] words = instruction.split("\\s+");
    String keyword = words[0].toUpperCase(Locale.ROOT);
    InstructionFlags flags = InstructionFlags.of(words);
    if (keyword.equals("FROM") && flags.argumentsAt() < words.length
        && contexts.containsKey(words[flags.argumentsAt()])) {
      throw new NotFoldable("FROM " + words[flags.argumentsAt()] + " uses an additional context as a base image");
    }
    if (keyword.equals("RUN")) {
      for (InstructionFlags.Flag mount : flags.named("mount")) {
        for (String from : mount.option("from")) {
          if (contexts.containsKey(from)) {
            throw new NotFoldable("RUN --mount from=" + from + " needs BuildKit");
          }
        }
      }
    }
    if (!keyword.equals("COPY")) {
      return Optional.empty();
    }
    Optional<String> from = flags.value("from");
    if (from.isEmpty() || !contexts.containsKey(from.get())) {
      return Optional.empty();
    }
    String name = from.get();
    String rest = instruction.substring(indexOfWord(instruction, flags.argumentsAt())).strip();
    List<String> arguments = rest.startsWith("[") ? jsonArguments(rest)
        : Arrays.asList(rest.split("\\s+"));
    if (arguments.size() < 2) {
      return Optional.empty();   // the daemon reports the malformed COPY itself
    }
    Path root = directory(name, contexts.get(name), context);
    List<String> sources = new ArrayList<>();
    for (String source : arguments.subList(0, arguments.size() - 1)) {
      String relative = Path.of("/").resolve(source).normalize().toString().substring(1);
      for (String match : matches(root, relative, name)) {
        extras.add(new Extra(root.resolve(match), match.equals(".") ? PREFIX + name : PREFIX + name + "/" + match));
      }
      sources.add(PREFIX + name + "/" + relative);
    }
    List<String> copied = new ArrayList<>(sources);
    copied.add(arguments.get(arguments.size() - 1));
    String head = String.join(" ", Stream.concat(Stream.of(words[0]), flags.wordsExcept("from").stream()).toList());
    try {
      return Optional.of(head + " " + JSON.writeValueAsString(copied));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path directory(String name, String value, Path context) throws NotFoldable {
    Path dir = value.startsWith("/") ? Path.of(value) : context.resolve(value);
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      throw new NotFoldable("additional context " + name + " is not a directory: " + dir);
    }
  }

  /** The paths under {@code root} a COPY source names: itself, or what its pattern matches. */
  private static List<String> matches(Path root, String source, String name) throws NotFoldable {
    if (source.isEmpty()) {
      return List.of(".");
    }
    if (!source.matches(".*[*?\\[].*")) {
      if (!Files.exists(root.resolve(source), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new NotFoldable("COPY --from=" + name + ": " + source + " does not exist in " + root);
      }
      return List.of(source);
    }
    int depth = source.split("/").length;
    try (Stream<Path> walk = Files.walk(root, depth)) {
      return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString())
          .filter(p -> GoLangFileMatch.match(source, p)).sorted().toList();
    } catch (IOException e) {
      throw new NotFoldable("cannot read additional context " + name + " at " + root + ": " + e.getMessage());
    }
  }

  private static List<String> jsonArguments(String text) throws NotFoldable {
    try {
      return Arrays.asList(JSON.readValue(text, String[].class));
    } catch (JsonProcessingException e) {
      throw new NotFoldable("COPY arguments are not a JSON array of strings: " + text);
    }
  }

  private static int indexOfWord(String text, int word) {
    Matcher m = Pattern.compile("\\S+").matcher(text);
    for (int k = 0; k <= word; k++) {
      if (!m.find()) {
        return text.length();
      }
    }
    return m.start();
  }

  private static boolean continues(String line, char escape) {
    String trimmed = line.stripTrailing();
    return !trimmed.isEmpty() && trimmed.charAt(trimmed.length() - 1) == escape;
  }

  /** The {@code # escape=} parser directive at the top of the file, else a backslash. */
  private static char escapeCharacter(List<String> lines) {
    for (String line : lines) {
      Matcher m = DIRECTIVE.matcher(line.strip());
      if (!m.matches()) {
        break;
      }
      if (m.group(1).equalsIgnoreCase("escape") && m.group(2).length() == 1) {
        return m.group(2).charAt(0);
      }
    }
    return '\\';
  }
}
