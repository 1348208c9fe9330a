package dev.berth.embedded.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

/**
 * What tests of published ports do on 127.0.0.1: find free host ports, talk to {@link EchoServerImage}'s echo
 * server over UDP and TCP, and GET a page. Every call that waits for a server that is still starting retries for a
 * bounded time and then fails the test, naming the port.
 */
public final class LoopbackClient {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration TCP_PATIENCE = Duration.ofSeconds(30);
    private static final int UDP_ATTEMPTS = 40;

    private LoopbackClient() {
    }

    /** The first of {@code count} consecutive ports free for both TCP and UDP on 127.0.0.1 now. */
    public static int freePorts(int count) {
        Random random = new Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = 20_000 + random.nextInt(20_000);
            boolean free = true;
            for (int port = first; port < first + count && free; port++) {
                try (ServerSocket tcp = new ServerSocket(port, 1, LOOPBACK);
                     DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                    free = tcp.getLocalPort() == udp.getLocalPort();
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports on 127.0.0.1");
    }

    /** Sends a datagram to 127.0.0.1:port and returns the answer, sending again while the server starts. */
    public static String udpEcho(int port, String payload) throws IOException {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            socket.setSoTimeout(500);
            for (int attempt = 0; attempt < UDP_ATTEMPTS; attempt++) {
                socket.send(new DatagramPacket(data, data.length, LOOPBACK, port));
                DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
                try {
                    socket.receive(reply);
                    return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
                } catch (SocketTimeoutException e) {
                    // the server is not up yet, or the datagram was lost: send again
                }
            }
        }
        throw new AssertionError("no udp answer from 127.0.0.1:" + port);
    }

    /**
     * Sends one line to 127.0.0.1:port over TCP and returns the answer without its newline, connecting again while
     * the server starts (refused, or closed without an answer).
     */
    public static String tcpEcho(int port, String line) throws InterruptedException {
        long deadline = System.nanoTime() + TCP_PATIENCE.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket socket = connect(port)) {
                socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!answer.isEmpty()) {
                    return answer;
                }
                last = new IOException("empty answer");
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no tcp answer from 127.0.0.1:" + port + " in " + TCP_PATIENCE.toSeconds() + " s",
                last);
    }

    /** The whole response to one {@code GET /} (HTTP/1.0) to 127.0.0.1:port. */
    public static String httpGet(int port) throws IOException {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@link #httpGet} polled until the response contains {@code expected}; fails the test after {@code within}. */
    public static String awaitHttp(int port, String expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String page = null;
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                page = httpGet(port);
                if (page.contains(expected)) {
                    return page;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("127.0.0.1:" + port + " did not serve a page with '" + expected + "' in "
                + within.toSeconds() + " s" + (page == null ? "" : "; the last one: " + page), last);
    }

    /**
     * GETs / from host:port (a loopback address, or one in a namespace the test made) until it answers 200, up to
     * {@code attempts} times 100 ms apart. A refused connection ends the polling with its {@link ConnectException}
     * unless {@code retryRefused} (a server still starting behind DNAT refuses too).
     */
    public static String httpOk(String host, int port, int attempts, boolean retryRefused)
            throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 2000);
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (response.contains("200 OK")) {
                    return response;
                }
                last = new IOException("unexpected response: " + response);
            } catch (ConnectException e) {
                if (!retryRefused) {
                    throw e;
                }
                last = e;
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw last;
    }

    /** Whether something accepts connections on 127.0.0.1:port. */
    public static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 2000);
            socket.setSoTimeout(5000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
