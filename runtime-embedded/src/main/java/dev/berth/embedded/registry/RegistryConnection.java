package dev.berth.embedded.registry;

import dev.berth.embedded.registry.auth.AuthChallenge;
import dev.berth.embedded.registry.auth.CredentialSource;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * One endpoint with one set of credentials: sends requests through the endpoint's shared {@link RegistryTransport},
 * answering an authentication challenge once.
 */
final class RegistryConnection {
    private final RegistryTransport transport;
    private final RegistryAuthenticator authenticator;

    RegistryConnection(RegistryTransport transport, CredentialSource credentials) {
        this.transport = transport;
        this.authenticator = new RegistryAuthenticator(transport.endpoint().name(), credentials, transport.http());
    }

    /**
     * Sends {@code request}; on 401 answers the challenge and sends it once more. The caller closes the body.
     *
     * @throws RegistryException UNAUTHORIZED when the second answer is 401 too
     */
    HttpResponse<InputStream> send(RegistryRequest request, Scope scope) {
        Optional<String> auth = authenticator.cachedHeader(scope);
        HttpResponse<InputStream> response = transport.exchange(request, auth);
        if (response.statusCode() != 401) {
            return response;
        }
        String header = response.headers().firstValue("WWW-Authenticate").orElse("");
        close(response);
        AuthChallenge challenge = AuthChallenge.parse(header).orElseThrow(() -> authenticator.hasCredentials()
                ? authenticator.credentialsRefused("HTTP 401 without a challenge")
                : authenticator.loginRequired("HTTP 401 without a challenge"));
        authenticator.forget(scope);
        String answer = authenticator.respond(challenge, scope);
        response = transport.exchange(request, Optional.of(answer));
        if (response.statusCode() == 401) {
            byte[] body = readAll(response);
            authenticator.forget(scope);
            String detail = RegistryErrors.describe(401, body) + (scope.tokenScopes().isEmpty() ? ""
                    : " for " + String.join(" ", scope.tokenScopes()));
            throw authenticator.hasCredentials() ? authenticator.credentialsRefused(detail)
                    : authenticator.loginRequired(detail);
        }
        return response;
    }

    static byte[] readAll(HttpResponse<InputStream> response) {
        return RegistryTransport.readAll(response);
    }

    static void close(HttpResponse<InputStream> response) {
        RegistryTransport.close(response);
    }
}
