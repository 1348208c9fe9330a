package dev.berth.runtime;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Selects resources by labels: every {@code equal} entry must match exactly and every {@code present} key must
 * exist. The empty selector selects everything.
 */
public record LabelSelector(Map<String, String> equal, Set<String> present) {
  public LabelSelector {
    equal = Collections.unmodifiableMap(new TreeMap<>(equal));
    present = Collections.unmodifiableSet(new TreeSet<>(present));
  }

  public static LabelSelector all() {
    return new LabelSelector(Map.of(), Set.of());
  }

  public static LabelSelector of(String key, String value) {
    return new LabelSelector(Map.of(key, value), Set.of());
  }

  public LabelSelector and(String key, String value) {
    Map<String, String> m = new TreeMap<>(equal);
    m.put(key, value);
    return new LabelSelector(m, present);
  }

  public LabelSelector andPresent(String key) {
    Set<String> s = new TreeSet<>(present);
    s.add(key);
    return new LabelSelector(equal, s);
  }

  public boolean matches(Map<String, String> labels) {
    Objects.requireNonNull(labels, "labels");
    for (Map.Entry<String, String> e : equal.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return labels.keySet().containsAll(present);
  }
}
