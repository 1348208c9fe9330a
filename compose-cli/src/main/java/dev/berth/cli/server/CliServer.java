package dev.berth.cli.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The resident CLI server: listens on its unix socket, accepts connections only from its own user (checked with
 * {@code SO_PEERCRED}), runs each request on a thread of its own and exits after it has been idle for the idle
 * timeout. One server per socket: a second one finds the lock taken and leaves.
 */
final class CliServer {
    /** How a {@link #serve} ended. */
    enum Ending { IDLE, ALREADY_RUNNING }

    private final ServerPaths paths;
    private final Duration idleTimeout;
    private final CommandLines commands;
    private final Optional<Path> sources;
    private final ServerLog log;
    private final AtomicLong requests = new AtomicLong();

    /** {@code sources}: the berth checkout whose changes make this server refuse requests (see {@link SourceWatch}). */
    CliServer(ServerPaths paths, Duration idleTimeout, CommandLines commands, Optional<Path> sources) {
        this.paths = paths;
        this.idleTimeout = idleTimeout;
        this.commands = commands;
        this.sources = sources;
        this.log = new ServerLog(paths.logFile());
    }

    /** Serves until idle for the idle timeout (or killed); returns at once when another server holds the lock. */
    Ending serve() throws IOException {
        int uid = ServerPaths.currentUid();
        SecureDirectory.prepare(paths.directory(), uid);
        try (FileChannel lockFile = FileChannel.open(paths.lockFile(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                return Ending.ALREADY_RUNNING;
            }
            return serveLocked(uid);
        }
    }

    private Ending serveLocked(int uid) throws IOException {
        Files.deleteIfExists(paths.socket()); // left by a server that was killed: the lock was free
        Path jar = JarIdentity.codeSource();
        String identity = JarIdentity.of(jar);
        IdleWatch idle = new IdleWatch(idleTimeout, Clock.systemUTC());
        BooleanSupplier sourcesChanged = () -> false;
        if (sources.isPresent()) {
            SourceWatch watch = SourceWatch.start(sources.get(), Files.getLastModifiedTime(jar));
            sourcesChanged = watch::changed;
        }
        ServerContext context = new ServerContext(identity, commands, new OwnProcessPolicy(commands), log, idle,
                sourcesChanged);
        UserPrincipal self = Files.getOwner(Path.of("/proc/self"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(paths.socket()));
            Files.setPosixFilePermissions(paths.socket(), PosixFilePermissions.fromString("rw-------"));
            long pid = ProcessHandle.current().pid();
            Files.writeString(paths.pidFile(), pid + "\n");
            Thread cleanup = new Thread(this::removeFiles, "berth-cli-server-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            log.info("CLI server " + pid + " (uid " + uid + ") serving " + paths.socket() + " for " + identity
                    + ", idle timeout " + idleTimeout);
            WarmUp.inBackground(commands, paths.directory());
            watchIdle(idle, server);
            acceptUntilClosed(server, context, self);
            log.info("CLI server " + pid + " exits: idle for " + idleTimeout);
            removeFiles();
            Runtime.getRuntime().removeShutdownHook(cleanup);
            return Ending.IDLE;
        }
    }

    private void acceptUntilClosed(ServerSocketChannel server, ServerContext context, UserPrincipal self)
            throws IOException {
        while (true) {
            SocketChannel socket;
            try {
                socket = server.accept();
            } catch (ClosedChannelException e) {
                return;
            }
            UnixDomainPrincipal peer = socket.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!PeerCheck.sameUser(peer, self)) {
                log.warn("refused a connection from user " + peer.user().getName() + " (only " + self.getName()
                        + " may use this server)");
                socket.close();
                continue;
            }
            long number = requests.incrementAndGet();
            Thread thread = new Thread(new Connection(new FrameChannel(socket), context, number),
                    "berth-cli-request-" + number);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Closes the listening socket once the server has been idle for the timeout. */
    private void watchIdle(IdleWatch idle, ServerSocketChannel server) {
        Thread watcher = new Thread(() -> {
            try {
                Duration left;
                while (!(left = idle.remaining()).isZero()) {
                    Thread.sleep(Math.max(1, left.toMillis()));
                }
                server.close();
            } catch (InterruptedException | IOException e) {
                // the server is ending anyway
            }
        }, "berth-cli-idle");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Removes the socket and the pid file, if they are still this server's. */
    private void removeFiles() {
        try {
            Files.deleteIfExists(paths.socket());
            String recorded = Files.readString(paths.pidFile()).strip();
            if (recorded.equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.deleteIfExists(paths.pidFile());
            }
        } catch (IOException e) {
            // nothing more to do on the way out
        }
    }
}
