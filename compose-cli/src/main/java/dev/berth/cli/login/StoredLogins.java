package dev.berth.cli.login;

import dev.berth.embedded.registry.auth.Credentials;
import dev.berth.embedded.registry.auth.DockerConfigFile;
import dev.berth.embedded.registry.auth.DockerCredentials;
import dev.berth.engine.execute.RegistryLogins;
import dev.berth.runtime.BuildCredentials;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.RegistryCredentials;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The user's registry logins as {@code docker compose} finds them: the Docker client configuration
 * ({@code DOCKER_CONFIG} or {@code ~/.docker/config.json}) with its {@code credHelpers}, {@code credsStore} and
 * {@code auths}, looked up per pull, push and build so that the engine gets the user's credentials with each call.
 */
public final class StoredLogins implements RegistryLogins {
    private final DockerCredentials source;

    StoredLogins(DockerCredentials source) {
        this.source = source;
    }

    /** The logins of the configuration {@code env} points at. */
    public static StoredLogins of(Map<String, String> env) {
        return new StoredLogins(new DockerCredentials(DockerConfigFile.locate(env)));
    }

    @Override
    public Optional<RegistryCredentials> forImage(ImageRef image) {
        if (!dev.berth.runtime.ImageName.isValid(image.value())) {
            return Optional.empty();
        }
        return source.lookup(image.parse().registry()).map(StoredLogins::credentials);
    }

    /**
     * Every login the configuration has, for the images a build's Dockerfile names; a registry whose credential
     * helper fails is left out (its pulls then fail with the registry's own refusal, naming it).
     */
    @Override
    public BuildCredentials forBuilds() {
        Map<String, RegistryCredentials> all = new LinkedHashMap<>();
        for (String registry : source.registries()) {
            try {
                source.lookup(registry).ifPresent(c -> all.put(registry, credentials(c)));
            } catch (RuntimeException helperFailed) {
                // an unusable entry: the build goes on without it, as the docker CLI does
            }
        }
        return new BuildCredentials(all);
    }

    private static RegistryCredentials credentials(Credentials c) {
        return c.isIdentityToken() ? RegistryCredentials.ofIdentityToken(c.secret())
                : RegistryCredentials.of(c.username(), c.secret());
    }
}
