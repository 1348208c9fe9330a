package dev.berth.cli.login;

import dev.berth.cli.error.ExitCodes;
import dev.berth.cli.error.UserException;
import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.root.BerthCommand;
import dev.berth.embedded.registry.RegistryClient;
import dev.berth.embedded.registry.RegistryException;
import dev.berth.embedded.registry.RegistryOptions;
import dev.berth.embedded.registry.auth.Credentials;
import dev.berth.embedded.registry.auth.DockerCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth login [SERVER]}: checks the credentials against the registry, then stores them as the docker CLI does
 * (a credential helper when configured, else base64 in {@code config.json}, mode 0600).
 */
@Command(name = "login", mixinStandardHelpOptions = true, description = "Log in to a registry.")
public final class LoginCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Username")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Password (prefer --password-stdin)")
    String password;

    @Option(names = "--password-stdin", description = "Take the password from stdin")
    boolean passwordStdin;

    @Option(names = "--config", paramLabel = "DIR", description = "Location of the client config files (default: $DOCKER_CONFIG or ~/.docker)")
    Path configDir;

    @Parameters(paramLabel = "SERVER", arity = "0..1", description = "Registry (default: Docker Hub)")
    String server;

    @Override
    public Integer call() {
        Invocation caller = BerthCommand.invocation(spec);
        String registry = RegistryServer.registry(server);
        Credentials credentials = credentials(registry, caller.streams().in());
        DockerCredentials store = RegistryServer.credentials(configDir, caller);
        RegistryClient client = new RegistryClient(RegistryOptions.defaults(r -> Optional.of(credentials)));
        try {
            client.verifyLogin(registry);
        } catch (RegistryException e) {
            throw new UserException("berth: login to " + registry + " failed: " + e.getMessage());
        }
        try {
            store.store(registry, credentials);
        } catch (RuntimeException e) {
            throw new UserException("berth: cannot store the credentials: " + e.getMessage());
        }
        spec.commandLine().getOut().println("Login Succeeded");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private Credentials credentials(String registry, InputStream stdin) {
        if (password != null && passwordStdin) {
            throw new UserException("berth: --password and --password-stdin are mutually exclusive", ExitCodes.USAGE_ERROR);
        }
        if (username == null || username.isBlank()) {
            throw new UserException("berth: login to " + registry + " needs a user name: berth login -u USER"
                    + " --password-stdin " + registry, ExitCodes.USAGE_ERROR);
        }
        String secret = password;
        if (passwordStdin) {
            try {
                secret = new String(stdin.readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UserException("berth: cannot read the password from stdin: " + e.getMessage());
            }
        }
        if (secret == null || secret.isEmpty()) {
            throw new UserException("berth: login to " + registry + " needs a password: use --password-stdin",
                    ExitCodes.USAGE_ERROR);
        }
        return new Credentials(username, secret);
    }
}
