package dev.berth.api.runtime;

import dev.berth.runtime.Availability;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.RuntimeProvider;
import dev.berth.runtime.RuntimeUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opens a runtime found through {@link ServiceLoader}: the one named (e.g. {@code embedded}, {@code docker}), else
 * the first usable one in the order embedded, docker, any other — the choice the {@code berth} command makes.
 */
public final class RuntimeLookup {
    private static final List<String> PREFERENCE = List.of("embedded", "docker");

    private final List<RuntimeProvider> providers;

    public RuntimeLookup(List<RuntimeProvider> providers) {
        this.providers = providers.stream().sorted(Comparator.comparingInt(RuntimeLookup::preference)).toList();
    }

    public static RuntimeLookup fromServiceLoader() {
        List<RuntimeProvider> found = new ArrayList<>();
        ServiceLoader.load(RuntimeProvider.class).forEach(found::add);
        return new RuntimeLookup(found);
    }

    private static int preference(RuntimeProvider p) {
        int i = PREFERENCE.indexOf(p.name());
        return i < 0 ? PREFERENCE.size() : i;
    }

    /**
     * Opens the runtime named {@code name}, or the first usable one when empty.
     *
     * @throws RuntimeUnavailableException with every reason and fix when none can be opened
     */
    public ContainerRuntime open(Optional<String> name) {
        if (name.isPresent()) {
            RuntimeProvider p = providers.stream().filter(x -> x.name().equals(name.get())).findFirst()
                    .orElseThrow(() -> new RuntimeUnavailableException("open runtime", name.get(),
                            "no runtime provider named " + name.get() + " on the class path (found: "
                                    + String.join(", ", providers.stream().map(RuntimeProvider::name).toList()) + ")",
                            "add the runtime-" + name.get() + " module to the test class path"));
            return p.open();
        }
        StringBuilder tried = new StringBuilder();
        for (RuntimeProvider p : providers) {
            Availability a = p.probe();
            if (a.usable()) {
                return p.open();
            }
            tried.append(tried.length() == 0 ? "" : "; ").append(p.name()).append(": ").append(a.reason());
        }
        throw new RuntimeUnavailableException("open runtime", "any", "no usable container runtime ("
                + (tried.length() == 0 ? "no runtime provider on the class path" : tried) + ")",
                "add runtime-embedded (as root with runc) or runtime-docker (with a Docker Engine) to the class path");
    }
}
