package dev.berth.cli.config;

import dev.berth.cli.support.Table;
import dev.berth.cli.error.UserException;
import dev.berth.model.interpolation.VariableUsage;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.output.ConfigHash;
import dev.berth.model.output.ProjectWriter;
import dev.berth.model.project.Project;
import dev.berth.model.project.Service;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the chosen view of a loaded project as text. */
final class ConfigViews {

    private ConfigViews() {
    }

    /**
     * The text of the chosen view. Names are listed sorted, as docker compose lists them; {@code interpolated}
     * false leaves {@code $} unescaped in the model output.
     */
    static String render(LoadedProject loaded, ConfigCommand.ConfigView view, ConfigFormat format, boolean interpolated) {
        Project project = loaded.project();
        if (view.services) {
            return lines(new java.util.TreeSet<>(project.services().keySet()));
        }
        if (view.volumes) {
            return lines(new java.util.TreeSet<>(project.volumes().keySet()));
        }
        if (view.networks) {
            return lines(new java.util.TreeSet<>(project.networks().keySet()));
        }
        if (view.images) {
            return lines(new java.util.TreeMap<>(project.services()).entrySet().stream()
                    .map(e -> imageName(project.name(), e.getKey(), e.getValue())).toList());
        }
        if (view.profiles) {
            return lines(loaded.allProfiles());
        }
        if (view.hash != null) {
            return hashes(project, view.hash);
        }
        if (view.variables) {
            return variables(loaded.variables(), format);
        }
        if (view.environment) {
            // sorted: the OS environment has no order of its own, and the output must not vary from run to run
            return new java.util.TreeMap<>(loaded.environment().asMap()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue() + "\n").collect(Collectors.joining());
        }
        if (view.explain != null) {
            return ConfigCommand.explain(loaded, view.explain) + "\n";
        }
        return format == ConfigFormat.json ? ProjectWriter.json(project, interpolated) : ProjectWriter.yaml(project, interpolated);
    }

    /** The image a service runs: its {@code image}, else the name Compose gives a built image. */
    static String imageName(String projectName, String serviceName, Service service) {
        if (service.image() != null && !service.image().isEmpty()) {
            return service.image();
        }
        return projectName + "-" + serviceName;
    }

    private static String hashes(Project project, String selector) {
        List<String> names = selector.equals("*")
                ? List.copyOf(new java.util.TreeSet<>(project.services().keySet()))
                : Arrays.stream(selector.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            Service service = project.services().get(name);
            if (service == null) {
                throw new UserException("berth config --hash: no such service: " + name
                        + " — the services are: " + String.join(", ", project.services().keySet()));
            }
            out.append(name).append(" ").append(ConfigHash.of(project, name)).append("\n");
        }
        return out.toString();
    }

    private static String variables(List<VariableUsage> usages, ConfigFormat format) {
        Map<String, VariableUsage> byName = new LinkedHashMap<>();
        for (VariableUsage usage : usages) {
            byName.merge(usage.name(), usage, (first, next) -> first.defaultValue().isEmpty() ? next : first);
        }
        if (format == ConfigFormat.json) {
            return byName.values().stream()
                    .map(u -> String.format("  \"%s\": {\"name\": \"%s\", \"required\": %s, \"default\": %s}",
                            json(u.name()), json(u.name()), u.required(),
                            u.defaultValue().map(d -> "\"" + json(d) + "\"").orElse("null")))
                    .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "REQUIRED", "DEFAULT VALUE"});
        for (VariableUsage u : byName.values()) {
            rows.add(new String[] {u.name(), u.required() ? "true" : "false", u.defaultValue().orElse("")});
        }
        return Table.render(rows);
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String lines(Iterable<String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach(v -> out.append(v).append('\n'));
        return out.toString();
    }
}
