package dev.berth.daemon.http;

import java.io.IOException;

/** Answers one request; it must call exactly one of the exchange's respond, stream or hijack methods. */
@FunctionalInterface
public interface HttpHandler {
    void handle(HttpExchange exchange) throws IOException;
}
