package dev.berth.api.wait;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.OptionalInt;

/** Ready when a TCP connection to 127.0.0.1 on the host port of a container port is accepted. */
final class PortWait implements WaitStrategy {
    private final int containerPort;
    private final Duration connectTimeout;

    PortWait(int containerPort, Duration connectTimeout) {
        this.containerPort = containerPort;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Readiness check(WaitTarget target) {
        OptionalInt hostPort = target.hostPort(containerPort);
        if (hostPort.isEmpty()) {
            return Readiness.failed("port " + containerPort + " of service " + target.service()
                    + " is not reachable from the host — publish it (ports: [\"" + containerPort + "\"]) or use"
                    + " network_mode: host");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), hostPort.getAsInt()),
                    (int) connectTimeout.toMillis());
            return Readiness.ready();
        } catch (IOException e) {
            return Readiness.pending("127.0.0.1:" + hostPort.getAsInt() + " refuses connections (" + e.getMessage()
                    + ")");
        }
    }

    @Override
    public String describe() {
        return "port " + containerPort + " accepting connections";
    }
}
