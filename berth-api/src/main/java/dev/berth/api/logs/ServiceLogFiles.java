package dev.berth.api.logs;

import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.LogLine;
import dev.berth.runtime.LogOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the output of each service of a project to {@code <directory>/<service>.log}, one line per line the
 * containers wrote; a service with several containers gets each line prefixed with {@code <container> | }.
 */
public final class ServiceLogFiles {
    private final ComposeEngine engine;

    public ServiceLogFiles(ComposeEngine engine) {
        this.engine = engine;
    }

    /** Writes one file per service of {@code services} that has a container; returns the files written. */
    public List<Path> write(String project, Set<String> services, Path directory) throws InterruptedException {
        Map<String, List<LogLine>> byService = new LinkedHashMap<>();
        services.forEach(s -> byService.put(s, new ArrayList<>()));
        engine.logs(project, services, LogOptions.ALL, line -> byService.get(line.service()).add(line));
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, List<LogLine>> e : byService.entrySet()) {
                if (e.getValue().isEmpty() && engine.ps(project, Set.of(e.getKey()), true).isEmpty()) {
                    continue;
                }
                Path file = directory.resolve(e.getKey() + ".log");
                Files.write(file, render(e.getValue()), StandardCharsets.UTF_8);
                written.add(file);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("could not write the service logs to " + directory + ": " + ex.getMessage(),
                    ex);
        }
        return written;
    }

    private static List<String> render(List<LogLine> lines) {
        boolean prefixed = lines.stream().map(LogLine::container).distinct().count() > 1;
        return lines.stream().map(l -> prefixed ? l.container() + " | " + l.entry().line() : l.entry().line())
                .toList();
    }
}
