package dev.berth.embedded.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The userland UDP proxy of one published port: one upstream socket per client address (so replies find
 * their way back), dropped after {@value #IDLE_MS} ms without traffic.
 */
final class UdpProxy implements AutoCloseable {
    private static final int IDLE_MS = 30_000;

    private final DatagramChannel listener;
    private final InetSocketAddress target;
    private final Map<SocketAddress, DatagramChannel> flows = new ConcurrentHashMap<>();
    private final Thread receiver;

    UdpProxy(DatagramChannel listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
        this.receiver = TcpProxy.daemon("berth-proxy-udp-" + target.getPort(), this::receiveLoop);
    }

    void start() {
        receiver.start();
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(65535);
        while (listener.isOpen()) {
            try {
                buffer.clear();
                SocketAddress client = listener.receive(buffer);
                buffer.flip();
                DatagramChannel flow = flows.get(client);
                if (flow == null) {
                    flow = DatagramChannel.open();
                    flow.connect(target);
                    flows.put(client, flow);
                    DatagramChannel started = flow;
                    TcpProxy.daemon("berth-proxy-udp-flow", () -> replyLoop(client, started)).start();
                }
                flow.write(buffer);
            } catch (IOException e) {
                if (!listener.isOpen()) {
                    return;
                }
            }
        }
    }

    private void replyLoop(SocketAddress client, DatagramChannel flow) {
        ByteBuffer buffer = ByteBuffer.allocate(65535);
        try {
            flow.socket().setSoTimeout(IDLE_MS);
            java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[65535], 65535);
            while (flow.isOpen()) {
                try {
                    flow.socket().receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                buffer.clear();
                buffer.put(packet.getData(), 0, packet.getLength()).flip();
                listener.send(buffer, client);
            }
        } catch (IOException e) {
            // flow closed or the container is gone
        } finally {
            flows.remove(client, flow);
            try {
                flow.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (DatagramChannel flow : flows.values()) {
            try {
                flow.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        flows.clear();
        try {
            receiver.join(2000); // the port is free once the receiver has left receive()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
