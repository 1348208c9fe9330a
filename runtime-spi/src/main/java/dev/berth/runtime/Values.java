package dev.berth.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copy helpers that keep declaration order (Map.copyOf would lose it). */
final class Values {
  private Values() {}

  static <K, V> Map<K, V> orderedCopy(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
