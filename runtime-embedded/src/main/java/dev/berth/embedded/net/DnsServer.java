package dev.berth.embedded.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The resolver of one network (the aardvark-dns model): a UDP socket on the network's gateway address,
 * answering A and AAAA queries for the names in the {@link DnsRegistry} as the asking container sees them (no
 * records for other types of those names), NXDOMAIN for
 * unknown single-label names and on internal networks, and forwarding other names to the asker's
 * {@code dns} servers or the host's resolvers (SERVFAIL when none answers).
 */
public final class DnsServer implements AutoCloseable {
    private static final int FORWARD_TIMEOUT_MS = 2000;

    private final String networkId;
    private final boolean internal;
    private final DnsRegistry registry;
    private final Supplier<List<InetSocketAddress>> hostResolvers;
    private final DatagramChannel channel;
    private final ExecutorService forwarders;
    private final Thread loop;

    private DnsServer(String networkId, boolean internal, DnsRegistry registry,
                      Supplier<List<InetSocketAddress>> hostResolvers, DatagramChannel channel) {
        this.networkId = networkId;
        this.internal = internal;
        this.registry = registry;
        this.hostResolvers = hostResolvers;
        this.channel = channel;
        this.forwarders = new ThreadPoolExecutor(0, 16, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024), r -> {
            Thread thread = new Thread(r, "berth-dns-forward-" + networkId.substring(0, 12));
            thread.setDaemon(true);
            return thread;
        });
        this.loop = new Thread(this::serve, "berth-dns-" + networkId.substring(0, 12));
        this.loop.setDaemon(true);
    }

    /** Binds {@code listen} (gateway:53 in production) and starts answering. */
    public static DnsServer start(String networkId, boolean internal, InetSocketAddress listen, DnsRegistry registry,
                                  Supplier<List<InetSocketAddress>> hostResolvers) {
        DatagramChannel channel;
        try {
            channel = DatagramChannel.open();
            channel.bind(listen);
        } catch (IOException e) {
            throw new NetworkException("cannot start the DNS resolver on " + listen + ": " + e.getMessage()
                    + ": is another DNS server bound to that address?");
        }
        DnsServer server = new DnsServer(networkId, internal, registry, hostResolvers, channel);
        server.loop.start();
        return server;
    }

    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new NetworkException("DNS resolver socket closed");
        }
    }

    private void serve() {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                InetSocketAddress client = (InetSocketAddress) channel.receive(buffer);
                buffer.flip();
                Optional<DnsMessage> query = DnsMessage.parseQuery(buffer);
                if (query.isEmpty()) {
                    continue;
                }
                byte[] raw = new byte[buffer.remaining()];
                buffer.get(raw);
                handle(query.get(), raw, client);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // one bad packet must not stop the resolver; the client retries
            }
        }
    }

    private void handle(DnsMessage query, byte[] raw, InetSocketAddress client) throws IOException {
        String source = client.getAddress().getHostAddress();
        Optional<List<String>> local = registry.lookup(networkId, source, query.name(), query.type());
        if (local.isPresent()) {
            List<String> found = local.get();
            List<String> answers = found.subList(0, Math.min(found.size(), DnsMessage.maxAnswers(query)));
            channel.send(ByteBuffer.wrap(query.answer(DnsMessage.RCODE_OK, answers)), client);
            return;
        }
        if (internal || !query.name().contains(".")) {
            channel.send(ByteBuffer.wrap(query.answer(DnsMessage.RCODE_NXDOMAIN, List.of())), client);
            return;
        }
        List<InetSocketAddress> upstreams = upstreamsFor(source);
        try {
            forwarders.execute(() -> forward(query, raw, client, upstreams));
        } catch (RejectedExecutionException e) {
            channel.send(ByteBuffer.wrap(query.answer(DnsMessage.RCODE_SERVFAIL, List.of())), client);
        }
    }

    private List<InetSocketAddress> upstreamsFor(String source) {
        List<String> own = registry.upstreamsOf(registry.containerAt(networkId, source));
        if (own.isEmpty()) {
            return hostResolvers.get();
        }
        return own.stream().map(DnsServer::socketAddress).toList();
    }

    private void forward(DnsMessage query, byte[] raw, InetSocketAddress client, List<InetSocketAddress> upstreams) {
        byte[] reply = null;
        for (InetSocketAddress upstream : upstreams) {
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout(FORWARD_TIMEOUT_MS);
                socket.send(new DatagramPacket(raw, raw.length, upstream));
                DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
                socket.receive(packet);
                if (packet.getLength() >= 12 && packet.getData()[0] == raw[0] && packet.getData()[1] == raw[1]) {
                    reply = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                    break;
                }
            } catch (SocketTimeoutException e) {
                // try the next upstream
            } catch (IOException e) {
                // unreachable upstream: try the next one
            }
        }
        try {
            channel.send(ByteBuffer.wrap(reply != null ? reply : query.answer(DnsMessage.RCODE_SERVFAIL, List.of())),
                    client);
        } catch (IOException e) {
            // the client is gone
        }
    }

    /** {@code ip} or {@code ip:port} (port 53 by default). */
    static InetSocketAddress socketAddress(String server) {
        int colon = server.lastIndexOf(':');
        if (colon > 0 && server.indexOf(':') == colon) {
            return new InetSocketAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)));
        }
        return new InetSocketAddress(server, 53);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        forwarders.shutdownNow();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
