package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.Mount;
import dev.berth.runtime.PortBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} flags and {@code create --build/--no-build} on the shared fake runtime. */
class RunCommandTest {
    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void fresh() {
        SharedFakeRuntimeProvider.reset();
        cli = new Cli(dir, UpDownCommandTest.PROJECT);
    }

    private ContainerSpec spec(Cli.Result detached) {
        assertEquals(0, detached.code(), detached.err());
        return SharedFakeRuntimeProvider.runtime().spec(detached.out().strip());
    }

    @Test
    void stdoutAndStderrGoToTheirStreamsAndTheExitCodeIsTheContainers() {
        Cli.Result r = cli.run("run", "--rm", "--no-deps", "web", "sh", "-c", "echo out; echo err >&2; exit 7");
        assertEquals(7, r.code(), r.err());
        assertEquals("out\n", r.out());
        assertTrue(r.err().endsWith("err\n"), r.err());
    }

    @Test
    void portsArePublishedOnlyWhenAsked() {
        assertEquals(List.of(), spec(cli.run("run", "-d", "--no-deps", "web")).ports());
        assertEquals(List.of(PortBinding.tcp(8080, 80)),
                spec(cli.run("run", "-d", "--no-deps", "--service-ports", "web")).ports());
        assertEquals(List.of(new PortBinding("127.0.0.1", 9090, 90, "tcp")),
                spec(cli.run("run", "-d", "--no-deps", "-p", "127.0.0.1:9090:90", "web")).ports());
    }

    @Test
    void volumesLabelsCapabilitiesAndStdinReachTheContainer() {
        ContainerSpec s = spec(cli.run("run", "-d", "--no-deps", "-v", "./src:/src:ro", "-l", "job=seed",
                "--cap-add", "SYS_PTRACE", "--cap-drop", "CHOWN", "-i", "--use-aliases", "web"));
        assertEquals(List.of(new Mount.Bind(dir.resolve("src").toString(), "/src", true, Optional.empty(), true)),
                s.mounts());
        assertEquals("seed", s.labels().get("job"));
        assertEquals(List.of("SYS_PTRACE"), s.capAdd());
        assertEquals(List.of("CHOWN"), s.capDrop());
        assertTrue(s.stdinOpen());
        assertEquals(List.of("web"), s.networks().get(0).aliases());
    }

    @Test
    void badFlagValuesAreUsageErrors() {
        Cli.Result pull = cli.run("run", "--pull", "sometimes", "web");
        assertEquals(2, pull.code(), pull.err());
        assertTrue(pull.err().contains("invalid pull policy 'sometimes'"), pull.err());
        Cli.Result label = cli.run("run", "-l", "novalue", "web");
        assertTrue(label.err().contains("bad label novalue"), label.err());
        Cli.Result port = cli.run("run", "--no-deps", "-p", "80:http", "web");
        assertEquals(1, port.code(), port.err());
        assertTrue(port.err().contains("run -p/--publish 80:http"), port.err());
    }

    @Test
    void runBuildsAMissingImageAndCreateHonoursBuildFlags() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:latest\nCMD [\"sh\", \"-c\", \"echo from-image\"]\n");
        Cli built = new Cli(dir, """
                name: demo
                services:
                  app:
                    image: demo-app:dev
                    build: .
                """);
        Cli.Result noBuild = built.run("create", "--no-build");
        assertEquals(1, noBuild.code(), noBuild.err());
        assertTrue(noBuild.err().contains("--no-build forbids building it"), noBuild.err());
        Cli.Result r = built.run("run", "--rm", "app");
        assertEquals(0, r.code(), r.err());
        assertEquals("from-image\n", r.out());
        long builds = SharedFakeRuntimeProvider.runtime().calls().stream().filter(c -> c.startsWith("build ")).count();
        assertEquals(0, built.run("create", "--build").code());
        assertEquals(builds + 1, SharedFakeRuntimeProvider.runtime().calls().stream()
                .filter(c -> c.startsWith("build ")).count());
        Cli.Result both = built.run("create", "--build", "--no-build");
        assertEquals(2, both.code(), both.err());
    }
}
