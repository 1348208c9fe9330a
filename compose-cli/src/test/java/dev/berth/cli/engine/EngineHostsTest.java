package dev.berth.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.error.UserException;
import dev.berth.daemon.DaemonOptions;
import dev.berth.daemon.TlsEndpoint;
import dev.berth.daemon.tls.ServerTls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** dockerd's -H and TLS flags as {@code berth engine} reads them. */
class EngineHostsTest {
    private static final DaemonOptions BASE = DaemonOptions.at(Path.of("/var/lib/berth"), Path.of("/run/berth"));
    private static final Path CWD = Path.of("/work");

    private static DaemonOptions apply(EngineHosts hosts, Map<String, String> env) {
        return hosts.apply(BASE, env, CWD::resolve);
    }

    private static EngineHosts hosts(boolean verify, String... hosts) {
        return new EngineHosts(List.of(hosts), verify, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void noHostKeepsTheSocketAndNoTcp() {
        DaemonOptions options = apply(hosts(false), Map.of());
        assertEquals(BASE.socket(), options.socket());
        assertTrue(options.tcp().isEmpty());
    }

    @Test
    void aUnixHostMovesTheSocket() {
        assertEquals(Path.of("/tmp/e.sock"), apply(hosts(false, "unix:///tmp/e.sock"), Map.of()).socket());
    }

    @Test
    void aTcpHostWithTlsVerifyServesWithDockerdsDefaultFiles() {
        TlsEndpoint tcp = apply(hosts(true, "tcp://127.0.0.1"), Map.of("HOME", "/home/u")).tcp().orElseThrow();
        assertEquals("127.0.0.1", tcp.address().getHostString());
        assertEquals(2376, tcp.address().getPort());
        assertEquals(ServerTls.in(Path.of("/home/u/.docker")), tcp.tls());
    }

    @Test
    void certPathAndExplicitFilesWinOverTheDefaults() {
        EngineHosts hosts = new EngineHosts(List.of("tcp://[::1]:9999"), true, Optional.of(Path.of("my-ca.pem")),
                Optional.empty(), Optional.empty());
        TlsEndpoint tcp = apply(hosts, Map.of("DOCKER_CERT_PATH", "/certs")).tcp().orElseThrow();
        assertEquals(9999, tcp.address().getPort());
        assertEquals("::1", tcp.address().getAddress().getHostAddress().replace("0:0:0:0:0:0:0:1", "::1"));
        assertEquals(new ServerTls(Path.of("/work/my-ca.pem"), Path.of("/certs/cert.pem"),
                Path.of("/certs/key.pem")), tcp.tls());
    }

    @Test
    void tcpWithoutTlsVerifyIsRefusedSayingWhatToAdd() {
        UserException e = assertThrows(UserException.class, () -> apply(hosts(false, "tcp://0.0.0.0:2375"),
                Map.of()));
        assertTrue(e.getMessage().contains("needs --tlsverify") && e.getMessage().contains("--tlscacert"),
                e.getMessage());
    }

    @Test
    void tlsFlagsWithoutATcpHostAreRefused() {
        UserException e = assertThrows(UserException.class, () -> apply(hosts(true), Map.of()));
        assertTrue(e.getMessage().contains("add -H tcp://"), e.getMessage());
    }

    @Test
    void otherSchemesAndASecondTcpHostAreRefused() {
        assertThrows(UserException.class, () -> apply(hosts(true, "fd://"), Map.of()));
        assertThrows(UserException.class, () -> apply(hosts(true, "tcp://127.0.0.1:1", "tcp://127.0.0.1:2"),
                Map.of()));
        assertThrows(UserException.class, () -> apply(hosts(true, "tcp://127.0.0.1:1/path"), Map.of()));
    }
}
