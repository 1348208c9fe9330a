package dev.berth.cli.stack;

import dev.berth.swarm.convert.IgnoredOption;
import dev.berth.swarm.deploy.StackEvent;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/** Prints stack events as docker stack deploy and rm word them. */
final class StackEventPrinter implements Consumer<StackEvent> {
    private final PrintWriter out;
    private final PrintWriter err;

    StackEventPrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void accept(StackEvent event) {
        switch (event) {
            case StackEvent.OptionsIgnored e -> ignored(e);
            case StackEvent.NetworkCreated e -> out.println("Creating network " + e.name());
            case StackEvent.NetworkRemoved e -> out.println("Removing network " + e.name());
            case StackEvent.ObjectCreated e -> out.println("Creating " + e.kind().word() + " " + e.name());
            case StackEvent.ObjectRemoved e -> out.println("Removing " + e.kind().word() + " " + e.name());
            case StackEvent.ObjectKept e -> err.println("warning: keeping " + e.kind().word() + " " + e.name()
                    + ": " + e.reason());
            case StackEvent.ServiceCreated e -> out.println("Creating service " + e.name());
            case StackEvent.ServiceUpdated e -> out.println("Updating service " + e.name() + " (version "
                    + e.previousVersion() + ")");
            case StackEvent.ServiceUnchanged e -> out.println("Service " + e.name() + " is up to date");
            case StackEvent.ServiceRemoved e -> out.println("Removing service " + e.name());
        }
        out.flush();
        err.flush();
    }

    private void ignored(StackEvent.OptionsIgnored event) {
        Set<String> attributes = new LinkedHashSet<>();
        event.options().forEach(o -> attributes.add(o.attribute()));
        err.println("Ignoring unsupported options: " + String.join(", ", attributes));
        for (IgnoredOption option : event.options()) {
            err.println("  services." + option.service() + "." + option.attribute() + ": " + option.reason());
        }
        err.println();
    }
}
