package dev.berth.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.daemon.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP service over TLS on 127.0.0.1: served to clients with a certificate from the CA, and to nobody else. */
class TlsHttpServerTest {
    @TempDir
    static Path dir;
    static TestCertificates certificates;

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger served = new AtomicInteger();
    private TlsHttpServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.make(dir);
    }

    @BeforeEach
    void start() throws Exception {
        server = new TlsHttpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                certificates.server().context(), exchange -> {
                    served.incrementAndGet();
                    exchange.respond(200, Map.of("Content-Type", "text/plain"),
                            ("hello " + exchange.request().path()).getBytes(StandardCharsets.UTF_8));
                }, "test", problems::add);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aClientWithACertificateFromTheCaIsServedOnAKeptAliveConnection() throws Exception {
        try (SSLSocket socket = connect(certificates.client("client").context())) {
            assertTrue(exchange(socket, "/one").endsWith("hello /one"));
            assertTrue(exchange(socket, "/two").endsWith("hello /two"));
        }
        assertEquals(2, served.get());
    }

    @Test
    void itsUrlIsTheBoundAddressAsADockerHost() {
        // the test server listens on InetAddress.getLoopbackAddress(), whose name is localhost
        assertEquals("tcp://localhost:" + server.address().getPort(), server.url());
        assertTrue(server.address().getPort() > 0, "port 0 became the bound port");
    }

    @Test
    void aClientWithoutACertificateIsNeverServed() throws Exception {
        assertRefused(trustOnly());
    }

    @Test
    void aClientWithACertificateOfAnotherCaIsNeverServed() throws Exception {
        assertRefused(certificates.client("stranger").context());
    }

    @Test
    void plainHttpGetsNoHttpAnswer() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /x HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertFalse(answer.startsWith("HTTP/"), answer);
        } catch (IOException reset) {
            // the server dropped the connection: no answer either
        }
        assertEquals(0, served.get());
    }

    @Test
    void closingStopsServing() throws Exception {
        int port = server.address().getPort();
        server.close();
        // nothing answers a client with a valid certificate any more (the port may be refused, or already be
        // another process's ephemeral port on a busy machine: either way no HTTP answer comes from here)
        assertThrows(IOException.class, () -> {
            try (SSLSocket socket = (SSLSocket) certificates.client("client").context().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(10_000);
                exchange(socket, "/after-close");
            }
        });
        assertEquals(0, served.get());
    }

    private void assertRefused(SSLContext context) {
        assertThrows(IOException.class, () -> {
            try (SSLSocket socket = connect(context)) {
                exchange(socket, "/secret");
            }
        });
        assertEquals(0, served.get());
    }

    private SSLSocket connect(SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                server.address().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** One GET on the connection; the whole answer (its body is short and has a Content-Length). */
    private static String exchange(SSLSocket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.append((char) b);
        }
        int length = Integer.parseInt(head.toString().lines()
                .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .findFirst().orElseThrow().substring("content-length:".length()).trim());
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** A client context that trusts the test CA but has no certificate of its own. */
    private static SSLContext trustOnly() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(java.nio.file.Files.newInputStream(certificates.ca())));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
