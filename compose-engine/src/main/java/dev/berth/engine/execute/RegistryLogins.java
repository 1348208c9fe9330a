package dev.berth.engine.execute;

import dev.berth.runtime.BuildCredentials;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.RegistryCredentials;
import java.util.Optional;

/**
 * The logins a client has for registries, handed to every pull and push of a plan, as {@code docker compose} sends
 * the user's credentials with each call, and to every build. Empty leaves the choice to the runtime (its engine's own credentials).
 */
@FunctionalInterface
public interface RegistryLogins {
  /** No logins: every pull and push uses the runtime's own credentials. */
  RegistryLogins NONE = image -> Optional.empty();

  /** The credentials for the registry {@code image} names, if the client has a login there. */
  Optional<RegistryCredentials> forImage(ImageRef image);

  /**
   * The logins a build gets for the images its Dockerfile names, which the plan does not know: every login the
   * client has, as {@code docker compose} sends them. None by default.
   */
  default BuildCredentials forBuilds() {
    return BuildCredentials.NONE;
  }
}
