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
    private final Map<String, Integer> breakAfter = new ConcurrentHashMap<>();
    private final java.util.List<String> ranges = new java.util.concurrent.CopyOnWriteArrayList<>();

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

    /** Serves {@code body} at an absolute path outside {@code /v2/} (e.g. where a foreign layer's URL points). */
    void serveAt(String absolutePath, byte[] body) {
        responses.put(absolutePath, new Response("application/octet-stream", body));
    }

    /** Like {@link #serve}, but the first GET breaks the connection after {@code bytes} bytes; ranges are honoured. */
    void serveBreakingOnce(String path, String contentType, byte[] body, int bytes) {
        serve(path, contentType, body);
        breakAfter.put("/v2/" + path, bytes);
    }

    /** The {@code Range} headers received, in order. */
    java.util.List<String> ranges() {
        return java.util.List.copyOf(ranges);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            ranges.add(range);
        }
        Integer cut = breakAfter.remove(path);
        if (cut != null) {
            Response full = responses.get(path);
            exchange.sendResponseHeaders(200, full.body().length);
            exchange.getResponseBody().write(full.body(), 0, cut);
            exchange.getResponseBody().flush();
            exchange.close();
            return;
        }
        if (range != null && responses.containsKey(path)) {
            byte[] body = responses.get(path).body();
            int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - from);
            exchange.getResponseBody().write(body, from, body.length - from);
            exchange.close();
            return;
        }
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
