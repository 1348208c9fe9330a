package dev.berth.cli.cp;

import dev.berth.cli.error.UserException;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.ServiceContainers;
import dev.berth.cli.support.Session;
import dev.berth.engine.copy.ContainerCopier;
import dev.berth.engine.copy.CopyOptions;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSummary;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code berth cp}: as {@code docker compose cp}, copies between the host and a service's containers. Copying to a
 * service writes to each of its containers (one with {@code --index}, one-off containers too with {@code --all});
 * copying from a service reads its first container (or the one of {@code --index}).
 */
@Command(name = "cp", mixinStandardHelpOptions = true,
        description = "Copy files/folders between a service container and the local filesystem.",
        customSynopsis = {"berth cp [OPTIONS] SERVICE:SRC_PATH DEST_PATH|-",
            "       berth cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH"})
public final class CpCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = "--index", paramLabel = "N", description = "Index of the container if the service has several")
    int index;

    @Option(names = "--all", description = "Include containers created by the run command")
    boolean all;

    @Option(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information)")
    boolean archive;

    @Option(names = {"-L", "--follow-link"}, description = "Always follow symbol link in SRC_PATH")
    boolean followLink;

    @Parameters(index = "0", paramLabel = "SOURCE")
    String source;

    @Parameters(index = "1", paramLabel = "DESTINATION")
    String destination;

    @Override
    public Integer call() {
        CopyLocation from = CopyLocation.parse(source);
        CopyLocation to = CopyLocation.parse(destination);
        if (from.inContainer() == to.inContainer()) {
            throw new UserException(from.inContainer()
                    ? "berth cp: copying between services is not supported; copy to the host first"
                    : "berth cp: name a service on one side, as SERVICE:PATH");
        }
        CopyLocation inContainer = from.inContainer() ? from : to;
        if (inContainer.path().isEmpty()) {
            throw new UserException("berth cp: name a path after " + inContainer.service().get() + ":");
        }
        Session session = new Session(root, spec.commandLine());
        String service = inContainer.service().get();
        List<ContainerSummary> containers = targets(session, service, from.inContainer());
        if (session.dryRun()) {
            for (ContainerSummary c : containers) {
                session.out().println(from.inContainer()
                        ? "Copy " + c.name() + ":" + from.path() + " to " + to.path()
                        : "Copy " + from.path() + " to " + c.name() + ":" + to.path());
            }
            session.out().flush();
            return 0;
        }
        ContainerCopier copier = new ContainerCopier(session.runtime());
        java.nio.file.Path cwd = session.caller().workingDirectory();
        CopyOptions options = new CopyOptions(followLink, archive);
        if (from.inContainer()) {
            ContainerId id = containers.get(0).id();
            if (to.isStream()) {
                copier.fromContainerAsTar(id, from.path(), root.streams().out(), options);
            } else {
                copier.fromContainer(id, from.path(), to.hostPath(cwd), options);
                session.err().println("Copied " + containers.get(0).name() + ":" + from.path() + " to " + to.path());
            }
        } else {
            List<ContainerId> ids = containers.stream().map(ContainerSummary::id).toList();
            if (from.isStream()) {
                copier.tarToContainers(ids, root.streams().in(), to.path());
            } else {
                copier.toContainers(ids, from.hostPath(cwd), to.path(), options);
            }
            containers.forEach(c -> session.err().println("Copied " + from.path() + " to " + c.name() + ":"
                    + to.path()));
        }
        session.err().flush();
        return 0;
    }

    /** The container of {@code --index}; else the service's containers, only the first when reading from it. */
    private List<ContainerSummary> targets(Session session, String service, boolean reading) {
        List<ContainerSummary> containers = ServiceContainers.of(session, Set.of(service), all && index == 0);
        if (index > 0) {
            return List.of(containers.stream()
                    .filter(c -> ServiceContainers.number(c) == index
                            && !"True".equals(c.labels().get(ServiceContainers.ONEOFF)))
                    .findFirst()
                    .orElseThrow(() -> new UserException("berth cp: service \"" + service + "\" has no container "
                            + "number " + index + "; see berth ps for its containers")));
        }
        if (containers.isEmpty()) {
            throw new UserException("berth cp: no container found for service \"" + service
                    + "\"; start it with berth up");
        }
        return reading ? containers.subList(0, 1) : containers;
    }
}
