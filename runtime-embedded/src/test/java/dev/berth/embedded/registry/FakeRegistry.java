package dev.berth.embedded.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A tiny registry on 127.0.0.1 that serves fixed manifests and blobs by path, whatever their digests say. */
final class FakeRegistry implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Response> responses = new ConcurrentHashMap<>();

    record Response(String contentType, byte[] body) {
    }

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves {@code body} at {@code /v2/<path>}. */
    void serve(String path, String contentType, byte[] body) {
        responses.put("/v2/" + path, new Response(contentType, body));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Response response = path.equals("/v2/") ? new Response("application/json", "{}".getBytes())
                : responses.get(path);
        if (response == null) {
            byte[] body = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"unknown\"}]}".getBytes();
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
        } else {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : response.body().length);
            if (!head) {
                exchange.getResponseBody().write(response.body());
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
