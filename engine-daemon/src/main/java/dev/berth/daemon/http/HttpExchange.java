package dev.berth.daemon.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request and the one way it is answered: a complete body ({@link #respond}), a chunked stream
 * ({@link #stream}), or a hijacked connection ({@link #hijack}) that the handler then owns as raw bytes.
 */
public final class HttpExchange {
    /** The raw connection after a hijack; closing the exchange's connection ends it. */
    public record Hijacked(InputStream in, OutputStream out) {
    }

    private final HttpRequest request;
    private final OutputStream out;
    private final InputStream in;
    private final String serverName;
    private State state = State.OPEN;
    private ChunkedOutputStream chunked;

    private enum State { OPEN, RESPONDED, STREAMING, HIJACKED }

    HttpExchange(HttpRequest request, InputStream in, OutputStream out, String serverName) {
        this.request = request;
        this.in = in;
        this.out = out;
        this.serverName = serverName;
    }

    public HttpRequest request() {
        return request;
    }

    /** Sends a complete response; for {@code HEAD} the body is announced but not sent. */
    public void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
        requireOpen();
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (status != 204 && status != 304) {
            all.put("Content-Length", Integer.toString(body.length));
        }
        writeHead(status, all);
        if (!request.method().equals("HEAD") && status != 204 && status != 304) {
            out.write(body);
        }
        out.flush();
        state = State.RESPONDED;
    }

    public void respond(int status, String contentType, byte[] body) throws IOException {
        respond(status, contentType == null ? Map.of() : Map.of("Content-Type", contentType), body);
    }

    /** Sends the head now and returns the chunked body; every write reaches the client at once. */
    public OutputStream stream(int status, String contentType) throws IOException {
        return stream(status, Map.of("Content-Type", contentType));
    }

    /** Like {@link #stream(int, String)}, with further headers (which must include the content type). */
    public OutputStream stream(int status, Map<String, String> headers) throws IOException {
        requireOpen();
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Transfer-Encoding", "chunked");
        writeHead(status, all);
        out.flush();
        chunked = new ChunkedOutputStream(out);
        state = State.STREAMING;
        return chunked;
    }

    /**
     * Takes over the connection, as dockerd does for attach and exec: {@code 101 UPGRADED} when the client asked
     * for {@code Upgrade: tcp}, else {@code 200} with the body running until the connection closes.
     */
    public Hijacked hijack(String contentType) throws IOException {
        requireOpen();
        if (request.wantsUpgrade()) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", contentType);
            headers.put("Connection", "Upgrade");
            headers.put("Upgrade", request.header("upgrade").orElse("tcp"));
            writeHead(101, headers);
        } else {
            writeHead(200, Map.of("Content-Type", contentType, "Connection", "close"));
        }
        out.flush();
        state = State.HIJACKED;
        return new Hijacked(in, out);
    }

    boolean hijacked() {
        return state == State.HIJACKED;
    }

    /** Whether a response (complete, streamed or hijacked) has been started. */
    public boolean answered() {
        return state != State.OPEN;
    }

    /** Ends a chunked body the handler left open. */
    void finish() throws IOException {
        if (state == State.STREAMING) {
            chunked.close();
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the response to " + request.method() + " " + request.path()
                    + " was already started (" + state + ")");
        }
    }

    private void writeHead(int status, Map<String, String> headers) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\nServer: ").append(serverName).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String reason(int status) {
        return switch (status) {
            case 101 -> "UPGRADED";
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            default -> "Status";
        };
    }
}
