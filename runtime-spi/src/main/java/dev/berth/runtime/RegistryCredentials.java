package dev.berth.runtime;

import java.util.Objects;
import java.util.Optional;

/**
 * Credentials a client hands to one pull or push, as Docker's {@code AuthConfig} carries them: a user name and
 * password, or an identity token (an OAuth refresh token a registry issued at login). They are used for the
 * registry the image reference names, ahead of whatever the runtime has configured for it.
 *
 * @param username      the user name; empty with an identity token
 * @param password      the password; empty with an identity token
 * @param identityToken the identity token, if the login produced one
 */
public record RegistryCredentials(String username, String password, Optional<String> identityToken) {
  public RegistryCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(identityToken, "identityToken");
    if (username.isEmpty() && identityToken.isEmpty()) {
      throw new IllegalArgumentException("registry credentials need a user name or an identity token");
    }
  }

  /** A user name and password. */
  public static RegistryCredentials of(String username, String password) {
    return new RegistryCredentials(username, password, Optional.empty());
  }

  /** An identity token (Docker's {@code identitytoken}). */
  public static RegistryCredentials ofIdentityToken(String token) {
    return new RegistryCredentials("", "", Optional.of(token));
  }

  /** Never shows the password or token. */
  @Override
  public String toString() {
    return "RegistryCredentials[" + (identityToken.isPresent() ? "identity token" : username + ", ***") + "]";
  }
}
