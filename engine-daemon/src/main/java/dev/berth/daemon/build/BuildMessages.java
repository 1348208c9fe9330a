package dev.berth.daemon.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Docker's JSON message stream for {@code /build}: {@code {"stream": text}} for output, {@code {"aux": {"ID": id}}}
 * for the result, {@code {"errorDetail": {"message": m}, "error": m}} for a failure; one message per line, each
 * sent at once. Safe to call from the builder's threads.
 */
public final class BuildMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;

    public BuildMessages(OutputStream out) {
        this.out = out;
    }

    public void stream(String text) {
        ObjectNode m = JSON.createObjectNode();
        m.put("stream", text);
        send(m);
    }

    public void imageId(String id) {
        ObjectNode m = JSON.createObjectNode();
        m.putObject("aux").put("ID", id);
        send(m);
    }

    public void error(String message) {
        ObjectNode m = JSON.createObjectNode();
        m.putObject("errorDetail").put("message", message);
        m.put("error", message);
        send(m);
    }

    private synchronized void send(ObjectNode message) {
        try {
            out.write((JSON.writeValueAsString(message) + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the build client went away", e);
        }
    }
}
