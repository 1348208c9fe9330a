package dev.berth.docker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The flags of one Dockerfile instruction: the words right after its keyword that start with {@code --}, each
 * {@code --name=value} or a bare {@code --name}, and the index of the first word after them (its arguments).
 */
record InstructionFlags(List<Flag> flags, int argumentsAt) {
  /** One flag word as written, its name (without the dashes) and its value (empty for a bare flag). */
  record Flag(String word, String name, String value) {
    static Flag parse(String word) {
      String body = word.substring(2);
      int eq = body.indexOf('=');
      return eq < 0 ? new Flag(word, body, "") : new Flag(word, body.substring(0, eq), body.substring(eq + 1));
    }

    /** The values of {@code key} among the value's comma-separated {@code key=value} options (as of --mount). */
    List<String> option(String key) {
      return Arrays.stream(value.split(",")).filter(o -> o.startsWith(key + "="))
          .map(o -> o.substring(key.length() + 1)).toList();
    }
  }

  InstructionFlags {
    flags = List.copyOf(flags);
  }

  /** The flags of the instruction split into {@code words}, the keyword first. */
  static InstructionFlags of(String[] words) {
    List<Flag> flags = new ArrayList<>();
    int at = 1;
    while (at < words.length && words[at].startsWith("--")) {
      flags.add(Flag.parse(words[at]));
      at++;
    }
    return new InstructionFlags(flags, at);
  }

  /** The flags called {@code name}, in order. */
  List<Flag> named(String name) {
    return flags.stream().filter(f -> f.name().equals(name)).toList();
  }

  /** The value of the last flag called {@code name} (the one that counts), if there is one. */
  Optional<String> value(String name) {
    List<Flag> named = named(name);
    return named.isEmpty() ? Optional.empty() : Optional.of(named.get(named.size() - 1).value());
  }

  /** The flag words as written, leaving out those called {@code name}. */
  List<String> wordsExcept(String name) {
    return flags.stream().filter(f -> !f.name().equals(name)).map(Flag::word).toList();
  }
}
