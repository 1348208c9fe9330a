package dev.berth.daemon.http;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Binds a unix socket so that it is never reachable with looser permissions than {@code rw-rw----}: it is bound in
 * a private {@code rwx------} directory next to the final path, given its mode there, then renamed into place. A
 * socket file already at the path is replaced only when nobody answers on it (a stale file from a crashed engine).
 */
final class SocketFile {
    private SocketFile() {
    }

    static ServerSocketChannel bind(Path socket) throws IOException {
        Path parent = socket.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (Files.exists(socket)) {
            if (answers(socket)) {
                throw new IOException("another engine already answers on " + socket + " (stop it with `berth engine"
                        + " stop`, or choose another --socket)");
            }
            Files.delete(socket);
        }
        Path privateDir = Files.createTempDirectory(parent, ".bind-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path staging = privateDir.resolve("s");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(staging));
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-rw----"));
            Files.move(staging, socket, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        } finally {
            Files.deleteIfExists(staging);
            Files.deleteIfExists(privateDir);
        }
        return server;
    }

    /** Whether a server accepts connections on {@code socket}. */
    static boolean answers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
