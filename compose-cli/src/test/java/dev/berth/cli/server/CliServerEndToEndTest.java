package dev.berth.cli.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native client against a real {@code berth cli-server} (its own JVM, started from /, on a socket in a private
 * temporary directory): what a request prints, reads, exits with and resolves must be what the same command line
 * does in a JVM of its own.
 */
class CliServerEndToEndTest {
    private static ServerUnderTest server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException, InterruptedException {
        ClientUnderTest.assumeBuilt();
        server = ServerUnderTest.start(Map.of(), "--idle", "10m");
    }

    @AfterAll
    static void stopServer() throws IOException, InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private static ClientUnderTest.Result client(Path cwd, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return ClientUnderTest.run(ClientUnderTest.command(server.socket(), args), cwd, env, new byte[0]);
    }

    private static ClientUnderTest.Result direct(Path cwd, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(ServerUnderTest.javaCommand());
        command.addAll(List.of(args));
        return ClientUnderTest.run(command, cwd, env, new byte[0]);
    }

    private Path project(String name, String dotEnv) throws IOException {
        Path project = Files.createDirectories(dir.resolve(name));
        Files.writeString(project.resolve("compose.yaml"), """
                services:
                  web:
                    image: "shop/web:${TAG}"
                    environment: ["CALLER=${CALLER:-none}"]
                """);
        Files.writeString(project.resolve(".env"), dotEnv);
        return project;
    }

    @Test
    void configOfThirtyServicesIsByteForByteTheDirectRun() throws IOException, InterruptedException {
        Path compose = dir.resolve("compose.yaml");
        Process generate = new ProcessBuilder("bash", Path.of("..", "bench", "gen-compose.sh").toString(), "30")
                .redirectOutput(compose.toFile()).start();
        assertEquals(0, generate.waitFor());
        Map<String, String> env = Map.of("TAG", "2.1");

        for (String[] args : List.of(new String[] {"config"}, new String[] {"config", "--format", "json"},
                new String[] {"config", "--hash", "*"}, new String[] {"config", "--environment"})) {
            ClientUnderTest.Result viaServer = client(dir, env, args);
            ClientUnderTest.Result own = direct(dir, env, args);

            assertEquals(own.code(), viaServer.code(), viaServer.err());
            assertEquals(0, viaServer.code(), viaServer.err());
            assertArrayEquals(own.out(), viaServer.out(), "stdout of " + String.join(" ", args));
            assertEquals(own.err(), viaServer.err());
        }
    }

    @Test
    void errorsGoToStandardErrorWithTheirExitCodes() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: nginx\n    networks: [missing]\n");

        ClientUnderTest.Result invalid = client(dir, Map.of(), "config");
        ClientUnderTest.Result usage = client(dir, Map.of(), "config", "--no-such-flag");

        assertEquals(1, invalid.code());
        assertEquals(0, invalid.out().length, invalid.text());
        assertTrue(invalid.err().contains("missing"), invalid.err());
        assertEquals(2, usage.code());
        assertEquals(0, usage.out().length, usage.text());
        assertTrue(usage.err().contains("Unknown option: '--no-such-flag'"), usage.err());
        assertEquals(direct(dir, Map.of(), "config").err(), invalid.err());
    }

    @Test
    void concurrentRequestsEachGetTheirOwnDirectoryEnvironmentAndInput() throws Exception {
        Path alpha = project("alpha", "TAG=1.1\n");
        Path beta = project("beta", "TAG=2.2\n");
        // alpha reads its compose file from standard input, and waits for it while beta runs start to end
        Process waiting = ClientUnderTest.start(ClientUnderTest.command(server.socket(), "-f", "-", "config"),
                alpha, Map.of("CALLER", "alpha-env", "TAG", "from-alpha-env"));
        ClientUnderTest.Result betaResult = client(beta, Map.of("CALLER", "beta-env"), "config");
        assertTrue(waiting.isAlive(), "the request reading standard input ended before it got any");

        ClientUnderTest.Result alphaResult = ClientUnderTest.finish(waiting, """
                services:
                  api:
                    image: "shop/api:${TAG}"
                    environment: ["CALLER=${CALLER:-none}"]
                """.getBytes(StandardCharsets.UTF_8));

        assertEquals(0, betaResult.code(), betaResult.err());
        assertTrue(betaResult.text().contains("name: beta"), betaResult.text());
        assertTrue(betaResult.text().contains("image: shop/web:2.2"), betaResult.text());
        assertTrue(betaResult.text().contains("CALLER: beta-env"), betaResult.text());
        assertEquals(0, alphaResult.code(), alphaResult.err());
        assertTrue(alphaResult.text().contains("name: alpha"), alphaResult.text());
        assertTrue(alphaResult.text().contains("image: shop/api:from-alpha-env"), alphaResult.text());
        assertTrue(alphaResult.text().contains("CALLER: alpha-env"), alphaResult.text());
    }

    @Test
    void relativePathsResolveAgainstTheCallersDirectory() throws IOException, InterruptedException {
        Path alpha = project("alpha", "TAG=1.1\n");
        Files.writeString(alpha.resolve("other.env"), "TAG=3.3\n");

        ClientUnderTest.Result result = client(dir, Map.of(), "-f", "alpha/compose.yaml", "--env-file",
                "alpha/other.env", "config", "-o", "alpha/out.yaml");

        assertEquals(0, result.code(), result.err());
        assertTrue(Files.readString(alpha.resolve("out.yaml")).contains("image: shop/web:3.3"));
    }

    @Test
    void ctrlCEndsARequestWaitingForInputWith130() throws Exception {
        Process waiting = ClientUnderTest.start(ClientUnderTest.command(server.socket(), "-p", "stuck", "-f", "-",
                "config"), dir, Map.of());
        long running = runningRequests();
        awaitRunningRequests(running + 1, waiting);
        Thread.sleep(500); // now it waits for its input
        assertTrue(waiting.isAlive(), "the request did not wait for its input");
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(waiting.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());

        assertTrue(waiting.waitFor(20, TimeUnit.SECONDS), "Ctrl-C did not end the request");
        assertEquals(130, waiting.exitValue());
        waiting.getOutputStream().close();
        assertTrue(server.log().contains("ending with 130 (signal 2)"), server.log());
        ClientUnderTest.Result after = client(project("after", "TAG=4\n"), Map.of(), "config", "--images");
        assertEquals("shop/web:4\n", after.text(), "the server serves requests after an interrupted one");
    }

    private static long runningRequests() throws IOException {
        return server.log().lines().filter(line -> line.endsWith(": running")).count();
    }

    private static void awaitRunningRequests(long count, Process client) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runningRequests() < count) {
            if (!client.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the request never ran:\n" + server.log());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aClientForAnotherBuildIsRefusedAndToldSo() throws IOException, InterruptedException {
        Path otherJar = Files.writeString(dir.resolve("berth.jar"), "another build");
        List<String> command = List.of(ClientUnderTest.BINARY.toString(), "--jar", otherJar.toString(), "--socket",
                server.socket().toString(), "--", "config");

        ClientUnderTest.Result refused = ClientUnderTest.run(command, dir, Map.of(), new byte[0]);
        ClientUnderTest.Result viaLauncher = ClientUnderTest.run(withLauncher(command), dir, Map.of(), new byte[0]);

        assertEquals(112, refused.code(), refused.err());
        assertEquals(0, refused.out().length);
        assertEquals("refused=stale args=config\n", viaLauncher.text());
        assertTrue(server.log().contains("refused (JAR_IDENTITY)"), server.log());
    }

    @Test
    void commandsThatNeedTheirOwnProcessAreHandedBack() throws IOException, InterruptedException {
        List<String> shell = ClientUnderTest.command(server.socket(), "shell");
        List<String> engine = ClientUnderTest.command(server.socket(), "engine", "--socket", "x.sock");

        assertEquals(113, ClientUnderTest.run(shell, dir, Map.of(), new byte[0]).code());
        assertEquals("refused=own-process args=engine --socket x.sock\n",
                ClientUnderTest.run(withLauncher(engine), dir, Map.of(), new byte[0]).text());
        assertEquals("refused=own-process args=--runtime embedded-in-process ps\n", ClientUnderTest.run(
                withLauncher(ClientUnderTest.command(server.socket(), "--runtime", "embedded-in-process", "ps")),
                dir, Map.of(), new byte[0]).text());
    }

    @Test
    void noServerOnTheSocketIsReportedAsAbsent() throws IOException, InterruptedException {
        Path empty = Files.createDirectory(dir.resolve("empty"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        List<String> command = ClientUnderTest.command(empty.resolve("cli.sock"), "config");

        assertEquals(111, ClientUnderTest.run(command, dir, Map.of(), new byte[0]).code());
        assertEquals("refused=absent args=config\n",
                ClientUnderTest.run(withLauncher(command), dir, Map.of(), new byte[0]).text());
    }

    @Test
    void aSocketDirectoryOthersCanEnterIsNotUsed() throws IOException, InterruptedException {
        Path open = Files.createDirectory(dir.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        List<String> command = ClientUnderTest.command(open.resolve("cli.sock"), "config");

        ClientUnderTest.Result result = ClientUnderTest.run(command, dir, Map.of(), new byte[0]);

        assertEquals(114, result.code());
        assertTrue(result.err().contains("closed to others"), result.err());
        List<String> serverThere = new ArrayList<>(ServerUnderTest.javaCommand());
        serverThere.addAll(List.of("cli-server", "--socket", open.resolve("cli.sock").toString()));
        ClientUnderTest.Result refusedToServe = ClientUnderTest.run(serverThere, dir, Map.of(), new byte[0]);
        assertEquals(1, refusedToServe.code());
        assertTrue(refusedToServe.err().contains("others can enter it"), refusedToServe.err());
        assertFalse(Files.exists(open.resolve("cli.sock")));
    }

    /** {@code command} with a launcher that prints why it was called back and with which arguments. */
    private List<String> withLauncher(List<String> command) throws IOException {
        Path launcher = dir.resolve("launcher.sh");
        Files.writeString(launcher, "#!/bin/sh\necho \"refused=$BERTH_CLIENT_REFUSED args=$*\"\n");
        launcher.toFile().setExecutable(true);
        List<String> with = new ArrayList<>(command);
        with.addAll(1, List.of("--launcher", launcher.toString()));
        return with;
    }
}
