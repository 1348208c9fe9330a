package dev.berth.api;

import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecResult;
import java.util.List;

/** One service of a running stack: where to reach it, its output, and commands run in it. */
public final class ServiceHandle {
    private final ServiceTarget target;

    ServiceHandle(ServiceTarget target) {
        this.target = target;
    }

    public String name() {
        return target.service();
    }

    /** The host to connect to: published ports are reached on the loopback address. */
    public String host() {
        return "127.0.0.1";
    }

    /**
     * The host port where {@code containerPort} of the first replica is reached on {@link #host()}.
     *
     * @throws IllegalStateException when the port is neither published nor on the host's network
     */
    public int port(int containerPort) {
        return target.hostPort(containerPort).orElseThrow(() -> new IllegalStateException("port " + containerPort
                + " of service " + name() + " is not published — add it to the service's ports (\"" + containerPort
                + "\" or \"HOST:" + containerPort + "\") or use network_mode: host"));
    }

    /** {@code host:port} of {@code containerPort}, for URLs and client configurations. */
    public String address(int containerPort) {
        return host() + ":" + port(containerPort);
    }

    /** Everything the service's containers wrote so far, one line per line. */
    public String logs() {
        List<String> lines = target.logLines();
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** Runs {@code command} in the first replica and waits for it. */
    public ExecResult exec(String... command) {
        return target.exec(List.of(command));
    }

    /** The service's containers as the runtime reports them now. */
    public List<ContainerSummary> containers() {
        return target.containers();
    }
}
