package dev.berth.swarm.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Creates and updates services. docker-java's update command cannot carry registry credentials, so an update with
 * credentials goes through docker-java's HTTP transport as the Engine API describes it ({@code POST
 * /services/{id}/update?version=N} with an {@code X-Registry-Auth} header).
 */
final class ServiceWriter {
    private final DockerClient client;
    private final String apiVersion;

    ServiceWriter(DockerClient client, String apiVersion) {
        this.client = client;
        this.apiVersion = apiVersion;
    }

    String create(ServiceSpec spec, Optional<AuthConfig> auth) {
        var command = client.createServiceCmd(spec);
        auth.ifPresent(command::withAuthConfig);
        return command.exec().getId();
    }

    void update(String id, long version, ServiceSpec spec, Optional<AuthConfig> auth) {
        if (auth.isEmpty()) {
            client.updateServiceCmd(id, spec).withVersion(version).exec();
            return;
        }
        DockerHttpClient http = ((DockerClientImpl) client).getHttpClient();
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/v" + apiVersion + "/services/" + id + "/update?version=" + version)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Registry-Auth", Base64.getUrlEncoder().encodeToString(SpecJson.bytes(auth.get())))
                .body(new ByteArrayInputStream(SpecJson.bytes(spec)))
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            if (response.getStatusCode() / 100 != 2) {
                String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                throw new IllegalStateException("updating service " + spec.getName() + " failed with HTTP "
                        + response.getStatusCode() + ": " + body.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("updating service " + spec.getName(), e);
        }
    }
}
