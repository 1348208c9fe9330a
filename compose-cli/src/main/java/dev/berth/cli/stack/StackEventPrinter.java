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
        if (event instanceof StackEvent.OptionsIgnored e) {
            ignored(e);
        } else if (event instanceof StackEvent.ObjectKept e) {
            err.println("warning: keeping " + e.kind().word() + " " + e.name() + ": " + e.reason());
        } else {
            out.println(line(event));
        }
        out.flush();
        err.flush();
    }

    private static String line(StackEvent event) {
        if (event instanceof StackEvent.NetworkCreated e) {
            return "Creating network " + e.name();
        } else if (event instanceof StackEvent.NetworkRemoved e) {
            return "Removing network " + e.name();
        } else if (event instanceof StackEvent.ObjectCreated e) {
            return "Creating " + e.kind().word() + " " + e.name();
        } else if (event instanceof StackEvent.ObjectRemoved e) {
            return "Removing " + e.kind().word() + " " + e.name();
        } else if (event instanceof StackEvent.ServiceCreated e) {
            return "Creating service " + e.name();
        } else if (event instanceof StackEvent.ServiceUpdated e) {
            return "Updating service " + e.name() + " (version " + e.previousVersion() + ")";
        } else if (event instanceof StackEvent.ServiceUnchanged e) {
            return "Service " + e.name() + " is up to date";
        } else if (event instanceof StackEvent.ServiceRemoved e) {
            return "Removing service " + e.name();
        }
        throw new IllegalArgumentException("unknown stack event " + event);
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
