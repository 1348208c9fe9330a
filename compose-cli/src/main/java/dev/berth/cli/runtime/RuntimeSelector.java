package dev.berth.cli.runtime;

import dev.berth.cli.error.UserException;
import dev.berth.cli.invocation.Invocation;
import dev.berth.runtime.Availability;
import dev.berth.runtime.RuntimeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Chooses the {@link RuntimeProvider} (found by {@link ServiceLoader}): the one named by {@code --runtime}, else by
 * {@code BERTH_RUNTIME}, else the first usable one in the order of preference: the embedded engine where it can
 * run, then a reachable Docker Engine, then any other provider. When several providers share a name the first
 * found wins.
 */
public final class RuntimeSelector {

    /** The chosen provider and one line saying why. */
    public record Choice(RuntimeProvider provider, String explanation) {
    }

    private final List<RuntimeProvider> providers;

    /** The providers to try when none is named, most preferred first. */
    private static final List<String> PREFERENCE = List.of("embedded", "docker");

    public RuntimeSelector(List<RuntimeProvider> providers) {
        this.providers = providers.stream()
                .sorted(java.util.Comparator.comparingInt(RuntimeSelector::preference))
                .toList();
    }

    private static int preference(RuntimeProvider provider) {
        int index = PREFERENCE.indexOf(provider.name());
        return index < 0 ? PREFERENCE.size() : index;
    }

    /** The providers on the class path, each reading {@code caller}'s environment. */
    public static RuntimeSelector fromServiceLoader(Invocation caller) {
        Map<String, String> env = ProviderEnvironment.of(caller);
        List<RuntimeProvider> found = new ArrayList<>();
        ServiceLoader.load(RuntimeProvider.class).forEach(provider -> found.add(provider.forEnvironment(env)));
        return new RuntimeSelector(found);
    }

    /**
     * @throws UserException naming every provider tried with its reason and fix when none is usable
     */
    public Choice choose(String flag, Map<String, String> env) {
        String requested = flag != null ? flag : env.get("BERTH_RUNTIME");
        String source = flag != null ? "--runtime" : "BERTH_RUNTIME";
        if (requested != null && !requested.isBlank()) {
            for (RuntimeProvider p : providers) {
                if (p.name().equals(requested)) {
                    Availability a = p.probe();
                    if (!a.usable()) {
                        throw new UserException("berth: runtime " + p.name() + " (from " + source + ") is not usable: "
                                + a.reason() + (a.hint().isEmpty() ? "" : "; " + a.hint()));
                    }
                    return new Choice(p, "using runtime " + p.name() + " (" + source + "=" + requested + "): "
                            + a.reason());
                }
            }
            throw new UserException("berth: no runtime named " + requested + " (from " + source + "); available: "
                    + String.join(", ", providers.stream().map(RuntimeProvider::name).toList()));
        }
        StringBuilder tried = new StringBuilder();
        for (RuntimeProvider p : providers) {
            Availability a = p.probe();
            if (a.usable()) {
                return new Choice(p, "using runtime " + p.name() + " (first usable; choose with --runtime): "
                        + a.reason());
            }
            tried.append("\n  ").append(p.name()).append(": ").append(a.reason())
                    .append(a.hint().isEmpty() ? "" : " (fix: " + a.hint() + ")");
        }
        if (providers.isEmpty()) {
            tried.append("\n  (no runtime provider on the class path; install the embedded or docker runtime)");
        }
        throw new UserException("berth: no usable container runtime; tried:" + tried);
    }
}
