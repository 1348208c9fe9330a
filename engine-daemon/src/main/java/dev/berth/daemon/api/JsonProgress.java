package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.daemon.backing.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * dockerd's JSON progress stream ({@code {"status":...,"id":...}} one object a line), started lazily: the response
 * head goes out with the first message, so that a failure before any progress can still be answered with an HTTP
 * error status. Messages may come from several threads.
 */
final class JsonProgress implements AutoCloseable {
    private final ApiCall call;
    private OutputStream out;

    JsonProgress(ApiCall call) {
        this.call = call;
    }

    synchronized boolean started() {
        return out != null;
    }

    void status(String status) {
        write(Json.object().put("status", status));
    }

    void status(String status, String id) {
        write(Json.object().put("status", status).put("id", id));
    }

    /** A layer's transfer progress, with dockerd's {@code progressDetail}. */
    void progress(String status, String id, long current, long total) {
        ObjectNode message = Json.object().put("status", status).put("id", id);
        ObjectNode detail = message.putObject("progressDetail");
        if (total > 0) {
            detail.put("current", current).put("total", total);
        }
        write(message);
    }

    /** The {@code aux} message dockerd ends a push with. */
    void aux(ObjectNode aux) {
        ObjectNode message = Json.object();
        message.putObject("progressDetail");
        message.set("aux", aux);
        write(message);
    }

    void error(String text) {
        write(Json.object().put("error", text).set("errorDetail", Json.object().put("message", text)));
    }

    synchronized void write(ObjectNode message) {
        try {
            if (out == null) {
                out = call.exchange().stream(200, "application/json");
            }
            out.write(Json.MAPPER.writeValueAsBytes(message));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away during the transfer", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
