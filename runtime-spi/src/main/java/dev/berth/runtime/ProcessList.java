package dev.berth.runtime;

import java.util.List;
import java.util.Objects;

/**
 * The processes running in a container, as {@code docker top} reports them: column titles (by default those of
 * {@code ps -ef}: UID, PID, PPID, C, STIME, TTY, TIME, CMD) and one row of values per process, in the titles' order.
 */
public record ProcessList(List<String> titles, List<List<String>> processes) {
  /** The columns every runtime reports, in {@code ps -ef} order. */
  public static final List<String> PS_EF_TITLES = List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");

  public ProcessList {
    titles = List.copyOf(titles);
    processes = processes.stream().map(List::copyOf).toList();
    for (List<String> row : processes) {
      if (row.size() != titles.size()) {
        throw new IllegalArgumentException("process row " + row + " has " + row.size() + " values for "
            + titles.size() + " titles " + titles);
      }
    }
  }

  /** The values of column {@code title} (e.g. {@code PID}), one per process. */
  public List<String> column(String title) {
    int index = titles.indexOf(Objects.requireNonNull(title, "title"));
    if (index < 0) {
      throw new IllegalArgumentException("no column " + title + " in " + titles);
    }
    return processes.stream().map(row -> row.get(index)).toList();
  }
}
