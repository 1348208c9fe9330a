package dev.berth.api.wait;

import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecResult;
import java.util.List;
import java.util.OptionalInt;

/** The service a {@link WaitStrategy} looks at: its containers as they are now, its output, exec and ports. */
public interface WaitTarget {

    /** The service name in the compose file. */
    String service();

    /** The service's containers (one-off containers excluded), as the runtime reports them now. */
    List<ContainerSummary> containers();

    /** Every line the service's containers wrote so far, stdout and stderr. */
    List<String> logLines();

    /** Runs {@code command} in the service's first replica. */
    ExecResult exec(List<String> command);

    /**
     * The TCP port on 127.0.0.1 where {@code containerPort} of the first replica can be reached: its published host
     * port, or the port itself for a container on the host's network; empty when it is not reachable from the host.
     */
    OptionalInt hostPort(int containerPort);
}
