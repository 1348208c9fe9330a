package dev.berth.cli.engine;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /_ping} on a unix socket with plain socket calls: cheaper than building a Docker client, which matters
 * because every CLI command asks whether the engine runs before it does anything.
 */
final class EnginePing {
    private EnginePing() {
    }

    /** Whether an engine answers {@code 200 OK} on {@code socket} within {@code timeout}. */
    static boolean answers(Path socket, Duration timeout) {
        if (!Files.exists(socket)) {
            return false;
        }
        CompletableFuture<Boolean> reply = CompletableFuture.supplyAsync(() -> ping(socket));
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            reply.cancel(true);
            return false;
        }
    }

    private static boolean ping(Path socket) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.1\r\nHost: berth\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(512);
            while (answer.hasRemaining() && channel.read(answer) >= 0) {
                String text = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
                if (text.contains("\r\n")) {
                    return text.startsWith("HTTP/1.1 200 ");
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
