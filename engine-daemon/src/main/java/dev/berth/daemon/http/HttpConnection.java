package dev.berth.daemon.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The HTTP/1.1 conversation on one connection, whatever carries it (a unix socket, TLS over TCP): requests read one
 * after another while the client keeps the connection alive, {@code Expect: 100-continue} answered, hijacked
 * connections handed to the handler for good. Handler failures that escape are answered with 500 when nothing was
 * sent yet, and reported to {@code problems}.
 */
final class HttpConnection {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpHandler handler;
    private final String serverName;
    private final Consumer<String> problems;

    HttpConnection(HttpHandler handler, String serverName, Consumer<String> problems) {
        this.handler = handler;
        this.serverName = serverName;
        this.problems = problems;
    }

    /** Serves requests from {@code rawIn} until the client leaves, closes or hijacks the connection. */
    void serve(InputStream rawIn, OutputStream rawOut) throws IOException {
        InputStream in = new BufferedInputStream(rawIn, 16 * 1024);
        OutputStream out = new BufferedOutputStream(rawOut, 16 * 1024);
        while (true) {
            Optional<HttpRequest> next;
            try {
                next = HeadReader.read(in);
            } catch (HeadReader.BadRequestException e) {
                byte[] body = ("{\"message\":\"" + e.getMessage().replace("\"", "'") + "\"}\n")
                        .getBytes(StandardCharsets.UTF_8);
                new HttpExchange(new HttpRequest("GET", "/", Map.of(), Map.of(), InputStream.nullInputStream()),
                        in, out, serverName).respond(400, Map.of("Content-Type", "application/json",
                        "Connection", "close"), body);
                return;
            }
            if (next.isEmpty()) {
                return;
            }
            HttpRequest request = next.get();
            if (request.expectsContinue()) {
                out.write(CONTINUE);
                out.flush();
            }
            HttpExchange exchange = new HttpExchange(request, in, out, serverName);
            handle(exchange);
            if (exchange.hijacked()) {
                return;
            }
            exchange.finish();
            out.flush();
            if (!request.keepAlive()) {
                return;
            }
            request.body().transferTo(OutputStream.nullOutputStream());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            handler.handle(exchange);
            if (!exchange.answered()) {
                throw new IllegalStateException("no response to " + exchange.request().method() + " "
                        + exchange.request().path());
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            problems.accept("handling " + exchange.request().method() + " " + exchange.request().path() + " failed: "
                    + trace);
            if (!exchange.answered()) {
                String message = String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "\\\"");
                exchange.respond(500, "application/json",
                        ("{\"message\":\"" + message + "\"}\n").getBytes(StandardCharsets.UTF_8));
            } else {
                throw new IOException("response broken off", e);
            }
        }
    }
}
