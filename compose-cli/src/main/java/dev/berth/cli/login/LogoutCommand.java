package dev.berth.cli.login;

import dev.berth.cli.error.UserException;
import dev.berth.cli.root.BerthCommand;
import dev.berth.embedded.registry.auth.DockerCredentials;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth logout [SERVER]}: removes the stored credentials of a registry. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Log out from a registry.")
public final class LogoutCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "DIR", description = "Location of the client config files (default: $DOCKER_CONFIG or ~/.docker)")
    Path configDir;

    @Parameters(paramLabel = "SERVER", arity = "0..1", description = "Registry (default: Docker Hub)")
    String server;

    @Override
    public Integer call() {
        String registry = RegistryServer.registry(server);
        DockerCredentials store = RegistryServer.credentials(configDir, BerthCommand.invocation(spec));
        boolean removed;
        try {
            removed = store.erase(registry);
        } catch (RuntimeException e) {
            throw new UserException("berth: cannot remove the credentials of " + registry + ": " + e.getMessage());
        }
        spec.commandLine().getOut().println(removed ? "Removing login credentials for " + registry
                : "Not logged in to " + registry);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
