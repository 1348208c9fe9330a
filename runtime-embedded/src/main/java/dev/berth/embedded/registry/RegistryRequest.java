package dev.berth.embedded.registry;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One request to a registry, relative to its {@code /v2/} root or absolute (upload locations). The body is a supplier
 * so the request can be sent again after an authentication challenge.
 */
record RegistryRequest(String method, String target, Map<String, String> headers,
                       Supplier<HttpRequest.BodyPublisher> body) {
    RegistryRequest {
        headers = Map.copyOf(headers);
    }

    static RegistryRequest get(String target) {
        return new RegistryRequest("GET", target, Map.of(), HttpRequest.BodyPublishers::noBody);
    }

    static RegistryRequest head(String target) {
        return new RegistryRequest("HEAD", target, Map.of(), HttpRequest.BodyPublishers::noBody);
    }

    static RegistryRequest of(String method, String target, Supplier<HttpRequest.BodyPublisher> body) {
        return new RegistryRequest(method, target, Map.of(), body);
    }

    RegistryRequest header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new RegistryRequest(method, target, copy, body);
    }
}
