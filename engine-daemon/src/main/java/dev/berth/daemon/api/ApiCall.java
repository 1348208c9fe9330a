package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.http.HttpExchange;
import dev.berth.daemon.http.HttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** One routed request: the exchange, the path segments the route captured, and answer helpers. */
public record ApiCall(HttpExchange exchange, List<String> captured, String apiVersion) {

    public HttpRequest request() {
        return exchange.request();
    }

    /** The {@code index}-th captured path segment (a container id, an image reference...). */
    public String path(int index) {
        return captured.get(index);
    }

    public Optional<String> param(String name) {
        return request().param(name);
    }

    public boolean flag(String name) {
        return request().flag(name, false);
    }

    /** The JSON body, or a missing node when there is none. */
    public JsonNode body() {
        try (InputStream in = request().body()) {
            byte[] raw = in.readAllBytes();
            if (raw.length == 0) {
                return MissingNode.getInstance();
            }
            return Json.MAPPER.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void json(int status, Object value) throws IOException {
        exchange.respond(status, "application/json", Json.MAPPER.writeValueAsBytes(value));
    }

    public void noContent() throws IOException {
        exchange.respond(204, (String) null, new byte[0]);
    }

    public void notModified() throws IOException {
        exchange.respond(304, (String) null, new byte[0]);
    }
}
