package dev.berth.embedded.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The userland TCP proxy of one published port (what docker-proxy does): accept, connect, pump both ways. */
final class TcpProxy implements AutoCloseable {
    private final ServerSocketChannel listener;
    private final InetSocketAddress target;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    TcpProxy(ServerSocketChannel listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
        this.acceptor = daemon("berth-proxy-tcp-" + target.getPort(), this::acceptLoop);
    }

    void start() {
        acceptor.start();
    }

    private void acceptLoop() {
        while (listener.isOpen()) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            open.add(client);
            daemon("berth-proxy-tcp-conn", () -> connect(client)).start();
        }
    }

    private void connect(SocketChannel client) {
        SocketChannel upstream;
        try {
            upstream = SocketChannel.open();
            open.add(upstream);
            upstream.socket().connect(target, 5000);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        AtomicInteger directionsLeft = new AtomicInteger(2);
        daemon("berth-proxy-tcp-up", () -> pump(client, upstream, directionsLeft)).start();
        pump(upstream, client, directionsLeft);
    }

    /** Copies until EOF, then half-closes; the second direction to finish closes both sockets. */
    private void pump(SocketChannel from, SocketChannel to, AtomicInteger directionsLeft) {
        ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
            if (directionsLeft.decrementAndGet() > 0) {
                return;
            }
        } catch (IOException e) {
            // reset or closed: close both
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private void closeQuietly(SocketChannel channel) {
        open.remove(channel);
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        // the port is free only once the acceptor has left accept(): the JDK closes a channel that a thread is
        // blocked on when that thread returns
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketChannel channel : Set.copyOf(open)) {
            closeQuietly(channel);
        }
    }
}
