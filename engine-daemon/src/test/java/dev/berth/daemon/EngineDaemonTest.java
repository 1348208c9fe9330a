package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.docker.DockerRuntime;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The daemon itself: one per run directory, raw log framing, and containers that outlive a stopped daemon. */
class EngineDaemonTest {
    private static TestEngine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = TestEngine.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aSecondDaemonOnTheSameRunDirectoryIsRefusedAndThePidIsRecorded() {
        DaemonOptions options = engine.options();
        assertEquals(Optional.of(ProcessHandle.current().pid()), EngineDaemon.runningPid(options));
        EngineDaemon.DaemonException e = assertThrows(EngineDaemon.DaemonException.class,
                () -> EngineDaemon.start(options.withSocket(options.runDir().resolve("other.sock")), quiet()));
        assertTrue(e.getMessage().contains("already serves"), e.getMessage());
        assertFalse(Files.exists(options.runDir().resolve("other.sock")), "the refused daemon made no socket");
    }

    @Test
    void logsUseTheMultiplexedFramingWithTailAndTimestamps() throws Exception {
        try (DockerRuntime docker = DockerRuntime.connect(engine.endpoint())) {
            ContainerId id = docker.create(ContainerSpec.builder("framing-" + ProcessHandle.current().pid(),
                    TestEngine.IMAGE).command(List.of("sh", "-c", "echo one; echo two; sleep 0.2; echo oops >&2")).build());
            try {
                docker.start(id);
                docker.waitForExit(id);
                byte[] body = get("/v1.43/containers/" + id.value() + "/logs?stdout=1&stderr=1&tail=2&timestamps=1");
                List<String[]> frames = frames(body);
                assertEquals(2, frames.size(), "tail=2 keeps the last two lines");
                String[] stdout = frames.stream().filter(f -> f[0].equals("1")).findFirst().orElseThrow();
                String[] stderr = frames.stream().filter(f -> f[0].equals("2")).findFirst().orElseThrow();
                assertTrue(stdout[1].matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z two\n"), stdout[1]);
                assertTrue(stderr[1].endsWith(" oops\n"), stderr[1]);
            } finally {
                docker.remove(id, true, true);
            }
        }
    }

    /** A response's body after its head, de-chunked. */
    private static byte[] get(String path) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(engine.options().socket()))) {
            c.write(java.nio.ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            byte[] all = Channels.newInputStream(c).readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200 "), text);
            assertTrue(text.contains("Content-Type: application/vnd.docker.multiplexed-stream"), text);
            int bodyStart = text.indexOf("\r\n\r\n") + 4;
            return dechunk(Arrays.copyOfRange(all, bodyStart, all.length));
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            int lineEnd = indexOfCrlf(chunked, i);
            int size = Integer.parseInt(new String(chunked, i, lineEnd - i, StandardCharsets.US_ASCII), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(chunked, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i < b.length - 1; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no CRLF after " + from);
    }

    /** [stream type, payload] per 8-byte-header frame. */
    private static List<String[]> frames(byte[] body) throws IOException {
        List<String[]> out = new java.util.ArrayList<>();
        InputStream in = new java.io.ByteArrayInputStream(body);
        byte[] header;
        while ((header = in.readNBytes(8)).length == 8) {
            assertArrayEquals(new byte[] {0, 0, 0}, Arrays.copyOfRange(header, 1, 4));
            int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            out.add(new String[] {Integer.toString(header[0]), new String(in.readNBytes(size),
                    StandardCharsets.UTF_8)});
        }
        return out;
    }

    @Test
    void containersKeepRunningWhenADaemonStopsAndTheNextOneFindsThem() throws Exception {
        TestEngine second = TestEngine.start();
        ContainerId id;
        try (DockerRuntime docker = DockerRuntime.connect(second.endpoint())) {
            id = docker.create(ContainerSpec.builder("survivor", TestEngine.IMAGE).command(List.of("sleep", "60"))
                    .build());
            docker.start(id);
        }
        try {
            second.stopDaemonOnly();
            second.restartDaemon();
            try (DockerRuntime docker = DockerRuntime.connect(second.endpoint())) {
                assertEquals(ContainerStatus.RUNNING, docker.inspect(id).state().status(),
                        "the container ran on while no daemon served it and is found again");
                docker.remove(id, true, true);
            }
        } finally {
            second.close();
        }
    }

    @Test
    void anExitWhileNoDaemonRanIsReportedWithItsCodeAndTheOutputWrittenMeanwhile() throws Exception {
        TestEngine second = TestEngine.start();
        ContainerId id;
        try (DockerRuntime docker = DockerRuntime.connect(second.endpoint())) {
            id = docker.create(ContainerSpec.builder("ends-alone", TestEngine.IMAGE).command(List.of("sh", "-c",
                    "echo before; sleep 1; echo while-no-daemon-ran; exit 5")).build());
            docker.start(id);
        }
        try {
            second.stopDaemonOnly();
            java.nio.file.Path exit = second.options().runDir().resolve("containers").resolve(id.value())
                    .resolve("exit");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(exit)) {
                assertTrue(System.nanoTime() < deadline, "the container's shim recorded its exit");
                Thread.sleep(50);
            }
            second.restartDaemon();
            try (DockerRuntime docker = DockerRuntime.connect(second.endpoint())) {
                assertEquals(ContainerStatus.EXITED, docker.inspect(id).state().status());
                assertEquals(5, docker.inspect(id).state().exitCode(), "the real exit code, not 255");
                assertEquals(5, docker.waitForExit(id));
                List<String> lines = new java.util.ArrayList<>();
                try (var logs = docker.logs(id, dev.berth.runtime.LogOptions.ALL)) {
                    logs.forEachRemaining(e -> lines.add(e.line()));
                }
                assertEquals(List.of("before", "while-no-daemon-ran"), lines);
                docker.remove(id, true, true);
            }
        } finally {
            second.close();
        }
    }

    private static DaemonLog quiet() {
        return new DaemonLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }
        };
    }
}
