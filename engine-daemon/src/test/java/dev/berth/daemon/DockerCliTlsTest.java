package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.daemon.tls.TestCertificates;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine on a TCP address with {@code --tlsverify}, driven by Debian's docker CLI over TLS as dockerd's
 * clients do: served with a client certificate from the engine's CA (also a hijacked {@code run} over TLS), refused
 * without one, with one of another CA, or without TLS.
 */
class DockerCliTlsTest {
    private static TestEngine engine;
    private static TestCertificates certificates;
    private static DockerCli docker;
    private static String host;

    @BeforeAll
    static void start() throws Exception {
        DockerCli.assumeInstalled();
        Path dir = Files.createTempDirectory("berth-tls-certs");
        certificates = TestCertificates.make(dir);
        engine = TestEngine.start(o -> o.withTcp(new TlsEndpoint(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), certificates.server())));
        docker = new DockerCli(engine, engine.scratch());
        host = "tcp://127.0.0.1:" + engine.tlsAddress().getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (certificates != null) {
            dev.berth.embedded.util.Files2.deleteTree(certificates.dir());
        }
    }

    @Test
    void theDockerCliWithAClientCertificateIsServedOverTls() throws Exception {
        DockerCli.Result version = docker.ok(tls("client", "version", "--format", "{{.Server.Version}}"));
        assertEquals(EngineDaemon.VERSION, version.text());
        DockerCli.Result hi = docker.ok(tls("client", "run", "--rm", TestEngine.IMAGE.value(), "echo", "hi over tls"));
        assertEquals("hi over tls", hi.text());
        assertTrue(docker.ok(tls("client", "images", "--format", "{{.Repository}}:{{.Tag}}")).out()
                .contains(TestEngine.IMAGE.value()));
    }

    @Test
    void aClientWithoutACertificateOfTheCaIsRefused() throws Exception {
        DockerCli.Result stranger = docker.run(tls("stranger", "version", "--format", "{{.Server.Version}}"));
        assertNotEquals(0, stranger.code(), stranger.out());
        DockerCli.Result noCertificate = docker.run("-H", host, "--tls", "--tlscacert", certificates.ca().toString(),
                "version", "--format", "{{.Server.Version}}");
        assertNotEquals(0, noCertificate.code(), noCertificate.out());
        DockerCli.Result plain = docker.run("-H", host, "version", "--format", "{{.Server.Version}}");
        assertNotEquals(0, plain.code(), plain.out());
        assertTrue(!plain.text().contains(EngineDaemon.VERSION), plain.out());
    }

    @Test
    void theUnixSocketStillServes() throws Exception {
        assertEquals(EngineDaemon.VERSION, docker.ok("version", "--format", "{{.Server.Version}}").text());
    }

    @Test
    void unusableTlsFilesStopTheStartWithTheFileNamedAndNothingServing() throws Exception {
        Path missing = certificates.dir().resolve("absent-key.pem");
        Path state = Files.createTempDirectory("berth-tls-refused");
        try {
            DaemonOptions options = DaemonOptions.at(state.resolve("lib"), state.resolve("run"))
                    .withConfigFile(Files.writeString(state.resolve("daemon.json"), "{}"))
                    .withTcp(new TlsEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                            new dev.berth.daemon.tls.ServerTls(certificates.ca(), certificates.cert("server"), missing)));
            EngineDaemon.DaemonException e = assertThrows(EngineDaemon.DaemonException.class,
                    () -> EngineDaemon.start(options, new DaemonLog() {
                        @Override
                        public void info(String message) {
                        }

                        @Override
                        public void warn(String message) {
                        }
                    }).close());
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
            assertTrue(Files.notExists(options.socket()), "no socket is left behind");
            assertTrue(Files.notExists(options.pidFile()), "no pid file is left behind");
        } finally {
            dev.berth.embedded.util.Files2.deleteTree(state);
        }
    }

    private static String[] tls(String client, String... args) {
        List<String> all = new ArrayList<>(List.of("-H", host, "--tlsverify", "--tlscacert",
                certificates.ca().toString(), "--tlscert", certificates.cert(client).toString(), "--tlskey",
                certificates.key(client).toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
