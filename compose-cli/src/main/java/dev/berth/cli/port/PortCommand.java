package dev.berth.cli.port;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.cli.error.UserException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth port SERVICE PRIVATE_PORT}: the public address a container port is published on. */
@Command(name = "port", mixinStandardHelpOptions = true, description = "Print the public port for a port binding.")
public final class PortCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = "--protocol", defaultValue = "tcp", paramLabel = "PROTO", description = "tcp or udp")
    String protocol;

    @Option(names = "--index", defaultValue = "1", paramLabel = "N", description = "Index of the container if service has multiple replicas")
    int index;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1", paramLabel = "PRIVATE_PORT")
    int privatePort;

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        Optional<String> address = session.engine().port(session.project(Set.of(service)), service, privatePort,
                protocol, index);
        if (address.isEmpty()) {
            throw new UserException("berth: no port " + privatePort + "/" + protocol + " published for " + service);
        }
        session.out().println(address.get());
        session.out().flush();
        return 0;
    }
}
