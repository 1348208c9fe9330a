package dev.berth.embedded.shim;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One request on a shim's unix socket: a command line, answered with one line ({@code OK} or {@code ERR <why>}). */
final class ShimControl {
    private ShimControl() {
    }

    /** Sends {@code RESIZE rows cols}; throws with the shim's reason when it refuses. */
    static void resize(Path socket, int rows, int cols) throws IOException {
        String answer = request(socket, "RESIZE " + rows + " " + cols);
        if (!answer.equals("OK")) {
            throw new IOException(answer.startsWith("ERR ") ? answer.substring(4) : "unexpected answer: " + answer);
        }
    }

    /**
     * Sends {@code SIGNAL number}: true when the shim signalled the container's init, false when it could not (the
     * init has ended, or the shim predates the command and refuses it).
     */
    static boolean signal(Path socket, int number) throws IOException {
        return request(socket, "SIGNAL " + number).equals("OK");
    }

    static String request(Path socket, String line) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteBuffer in = ByteBuffer.allocate(256);
            while (in.hasRemaining() && channel.read(in) >= 0) {
                if (in.position() > 0 && in.get(in.position() - 1) == '\n') {
                    break;
                }
            }
            return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8).strip();
        }
    }
}
