package dev.berth.cli.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.berth.docker.DockerConnector;
import dev.berth.docker.TestDockerDaemon;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names and labels on dockerd: the same project brought up by Debian's docker-compose (Compose v1, 1.29) and by
 * berth ({@code --runtime docker}, as a separate process), compared field by field; then each tool lists and tears
 * down the other's containers from the labels alone.
 *
 * <p>Where v1 and v2 agree, berth (which follows v2) must equal v1. The known v1/v2 differences, asserted as such:
 * <ul>
 *   <li>container names: v1 {@code <project>_<service>_<n>}, v2 {@code <project>-<service>-<n>};</li>
 *   <li>{@code com.docker.compose.config-hash}: v1 hashes its own service dict, v2 the canonical JSON of the
 *       service; both are 64 hex digits but differ;</li>
 *   <li>{@code com.docker.compose.version}: the tool's version ({@code 1.29.2} against berth's);</li>
 *   <li>{@code com.docker.compose.project.config_files}: v1 writes the files as it found them
 *       ({@code docker-compose.yml}), v2 absolute paths;</li>
 *   <li>{@code com.docker.compose.config-hash} on networks and volumes: v2 keeps one for config drift, v1 none;</li>
 *   <li>one-off ({@code run}) containers: v1 names them {@code <project>_<service>_run_<slug12>} and sets neither
 *       container-number nor config-hash on them; v2 {@code <project>-<service>-run-<slug12>}, both set;</li>
 *   <li>labels v2 adds on containers and v1 has not: {@code com.docker.compose.image} (the image digest),
 *       {@code com.docker.compose.depends_on}, {@code com.docker.compose.replace} (recreations only).</li>
 * </ul>
 */
class ComposeV1ParityTest {
    private static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");
    /** Labels v2 sets that v1 does not know; see the class comment. */
    private static final Set<String> V2_ONLY = Set.of("com.docker.compose.image", "com.docker.compose.depends_on",
            "com.docker.compose.replace");
    private static final String CONFIG_FILES = "com.docker.compose.project.config_files";
    private static final Set<String> DIFFERENT_VALUES = Set.of("com.docker.compose.config-hash",
            "com.docker.compose.version", CONFIG_FILES);

    @RegisterExtension
    static final TestDockerDaemon DOCKERD = new TestDockerDaemon();

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String v1Project = "parity-v1-" + suffix;
    private final String berthProject = "parity-berth-" + suffix;
    private Path dir;
    private DockerClient docker;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(DOCKER_COMPOSE), "docker-compose (v1) is not installed");
        dir = Files.createTempDirectory("berth-parity");
        Files.writeString(dir.resolve("docker-compose.yml"), """
                version: "3.7"
                services:
                  web:
                    image: %s
                    command: ["sleep", "300"]
                    volumes: ["data:/data"]
                    networks: [front]
                    labels:
                      tier: frontend
                  worker:
                    image: %s
                    command: ["sleep", "300"]
                    depends_on: [web]
                networks:
                  front: {}
                volumes:
                  data: {}
                """.formatted(DOCKERD.image().value(), DOCKERD.image().value()));
        docker = DockerConnector.connect(DOCKERD.endpoint(), Duration.ofMinutes(2)).client();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dir == null) {
            return;
        }
        try {
            for (String project : List.of(v1Project, berthProject)) {
                dockerCompose("-p", project, "down", "-v", "-t", "0");
                berth("-p", project, "down", "-v", "-t", "0");
                removeLeftovers(project);
            }
        } finally {
            docker.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void namesAndLabelsMatchComposeWhereV1AndV2Agree() throws Exception {
        Run v1 = dockerCompose("-p", v1Project, "up", "-d");
        assertEquals(0, v1.code(), v1.err());
        Run berth = berth("-p", berthProject, "up", "-d");
        assertEquals(0, berth.code(), berth.err());

        for (String service : List.of("web", "worker")) {
            Container fromV1 = container(v1Project + "_" + service + "_1");
            Container fromBerth = container(berthProject + "-" + service + "-1");
            Map<String, String> expected = composeLabels(fromV1.getLabels(), v1Project);
            Map<String, String> actual = composeLabels(fromBerth.getLabels(), berthProject);
            Set<String> missing = new TreeSet<>(expected.keySet());
            missing.removeAll(actual.keySet());
            assertEquals(Set.of(), missing, "labels docker-compose sets on " + service + " that berth does not");
            Set<String> extra = new TreeSet<>(actual.keySet());
            extra.removeAll(expected.keySet());
            assertTrue(V2_ONLY.containsAll(extra), "labels only berth sets on " + service + ": " + extra);
            List<String> mismatches = new ArrayList<>();
            for (String key : expected.keySet()) {
                if (!DIFFERENT_VALUES.contains(key) && !expected.get(key).equals(actual.get(key))) {
                    mismatches.add(key + ": docker-compose " + expected.get(key) + ", berth " + actual.get(key));
                }
            }
            assertEquals(List.of(), mismatches, "label values on " + service);
            Path workingDir = Path.of(expected.get("com.docker.compose.project.working_dir"));
            assertEquals(workingDir.resolve(expected.get(CONFIG_FILES)).toString(), actual.get(CONFIG_FILES),
                    "v2 writes the config files absolute, v1 as found");
            assertTrue(actual.get("com.docker.compose.config-hash").matches("[0-9a-f]{64}"));
            assertEquals(fromV1.getLabels().get("tier"), fromBerth.getLabels().get("tier"),
                    "the service's own labels");
            assertEquals(dir.toRealPath().toString(), actual.get("com.docker.compose.project.working_dir"));
        }

        for (String network : List.of("front", "default")) {
            assertSameResourceLabels(network(v1Project + "_" + network).getLabels(),
                    network(berthProject + "_" + network).getLabels(), "network " + network);
        }
        assertSameResourceLabels(docker.inspectVolumeCmd(v1Project + "_data").exec().getLabels(),
                docker.inspectVolumeCmd(berthProject + "_data").exec().getLabels(), "volume data");
    }

    /** Same keys but v2's config hash, same values but the version. */
    private void assertSameResourceLabels(Map<String, String> v1, Map<String, String> berth, String what) {
        Map<String, String> expected = composeLabels(v1, v1Project);
        Map<String, String> actual = composeLabels(berth, berthProject);
        assertTrue(actual.remove("com.docker.compose.config-hash").matches("[0-9a-f]{64}"),
                "v2 keeps a config hash on " + what);
        assertEquals(expected.keySet(), actual.keySet(), "labels of " + what);
        expected.remove("com.docker.compose.version");
        expected.forEach((key, value) -> assertEquals(value, actual.get(key), key + " on " + what));
    }

    @Test
    void oneOffContainersCarryTheSameLabels() throws Exception {
        assertEquals(0, dockerCompose("-p", v1Project, "run", "-d", "--no-deps", "worker").code());
        Run run = berth("-p", berthProject, "run", "-d", "--no-deps", "worker");
        assertEquals(0, run.code(), run.err());
        Container fromV1 = oneOff(v1Project);
        Container fromBerth = oneOff(berthProject);
        Map<String, String> expected = composeLabels(fromV1.getLabels(), v1Project);
        Map<String, String> actual = composeLabels(fromBerth.getLabels(), berthProject);
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        assertEquals(Set.of(), missing, "labels docker-compose sets on a run container that berth does not");
        assertEquals("True", actual.get("com.docker.compose.oneoff"));
        String slug = actual.get("com.docker.compose.slug");
        assertTrue(slug.matches("[0-9a-f]{64}"), slug);
        // v1 formats its random slug without leading zeros, so it can be shorter than v2's 64 digits
        assertTrue(expected.get("com.docker.compose.slug").matches("[0-9a-f]{56,64}"), expected.toString());
        assertEquals("/" + v1Project + "_worker_run_" + expected.get("com.docker.compose.slug").substring(0, 12),
                fromV1.getNames()[0], "v1 names a run container <project>_<service>_run_<slug12>");
        assertEquals("/" + berthProject + "-worker-run-" + slug.substring(0, 12), fromBerth.getNames()[0],
                "v2 names it <project>-<service>-run-<slug12>");
    }

    private Container oneOff(String project) {
        List<Container> found = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.project", project, "com.docker.compose.oneoff", "True"))
                .exec();
        assertEquals(1, found.size(), "one run container of " + project);
        return found.get(0);
    }

    @Test
    void eachToolSeesAndRemovesTheOthersContainers() throws Exception {
        assertEquals(0, dockerCompose("-p", v1Project, "up", "-d").code());
        Run ps = berth("-p", v1Project, "ps");
        assertEquals(0, ps.code(), ps.err());
        assertTrue(ps.out().contains(v1Project + "_web_1") && ps.out().contains(v1Project + "_worker_1"), ps.out());
        Run down = berth("-p", v1Project, "down", "-t", "0");
        assertEquals(0, down.code(), down.err());
        assertEquals(List.of(), projectContainers(v1Project), "berth down removes docker-compose's containers");
        assertTrue(docker.listNetworksCmd().withNameFilter(v1Project + "_front").exec().stream()
                .noneMatch(n -> n.getName().equals(v1Project + "_front")), "and its networks");

        assertEquals(0, berth("-p", berthProject, "up", "-d").code());
        Run v1ps = dockerCompose("-p", berthProject, "ps");
        assertEquals(0, v1ps.code(), v1ps.err());
        assertTrue(v1ps.out().contains(berthProject + "-web-1") && v1ps.out().contains(berthProject + "-worker-1"),
                v1ps.out());
        Run v1down = dockerCompose("-p", berthProject, "down", "-t", "0");
        assertEquals(0, v1down.code(), v1down.err());
        assertEquals(List.of(), projectContainers(berthProject), "docker-compose down removes berth's containers");
    }

    @Test
    void bothNameTheProjectAfterItsDirectoryAlike() throws Exception {
        String compose = Files.readString(dir.resolve("docker-compose.yml"));
        Path v1Dir = Files.createDirectories(dir.resolve("Parity.V1-Dir_" + suffix));
        Path berthDir = Files.createDirectories(dir.resolve("Parity.Berth-Dir_" + suffix));
        Files.writeString(v1Dir.resolve("docker-compose.yml"), compose);
        Files.writeString(berthDir.resolve("docker-compose.yml"), compose);
        String v1Name = "parity.v1-dir_" + suffix;
        String berthName = "parity.berth-dir_" + suffix;
        try {
            assertEquals(0, runIn(v1Dir, dockerComposeCommand("up", "-d")).code());
            assertEquals(0, runIn(berthDir, berthCommand("up", "-d")).code());
            String fromV1 = container(normalized(v1Name) + "_web_1").getLabels().get("com.docker.compose.project");
            String fromBerth = container(normalized(berthName) + "-web-1").getLabels()
                    .get("com.docker.compose.project");
            assertEquals(normalized(v1Name), fromV1);
            assertEquals(normalized(berthName), fromBerth,
                    "berth drops the characters docker-compose drops from a directory name");
            network(normalized(berthName) + "_front");
        } finally {
            runIn(v1Dir, dockerComposeCommand("down", "-v", "-t", "0"));
            runIn(berthDir, berthCommand("down", "-v", "-t", "0"));
            removeLeftovers(normalized(v1Name));
            removeLeftovers(normalized(berthName));
        }
    }

    /** Compose's normalisation of a directory name: lower case, only {@code a-z 0-9 _ -}. */
    private static String normalized(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^-_a-z0-9]", "");
    }

    /** The {@code com.docker.compose.*} labels, with the project name replaced so two projects compare. */
    private static Map<String, String> composeLabels(Map<String, String> labels, String project) {
        return labels.entrySet().stream().filter(e -> e.getKey().startsWith("com.docker.compose."))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().replace(project, "PROJECT"),
                        (a, b) -> a, TreeMap::new));
    }

    private Container container(String name) {
        return docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec().stream()
                .filter(c -> List.of(c.getNames()).contains("/" + name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " on dockerd"));
    }

    private Network network(String name) {
        return docker.listNetworksCmd().withNameFilter(name).exec().stream().filter(n -> n.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no network " + name + " on dockerd"));
    }

    private List<String> projectContainers(String project) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.project", project)).exec().stream()
                .map(c -> c.getNames()[0]).toList();
    }

    /** Only this test's projects: containers, networks and volumes labelled with their names. */
    private void removeLeftovers(String project) {
        Map<String, String> label = Map.of("com.docker.compose.project", project);
        docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec()
                .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        docker.listNetworksCmd().exec().stream().filter(n -> project.equals(n.getLabels().get(
                "com.docker.compose.project"))).forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        var volumes = docker.listVolumesCmd().exec().getVolumes();
        if (volumes != null) {
            volumes.stream().filter(v -> v.getLabels() != null && project.equals(v.getLabels().get(
                    "com.docker.compose.project"))).forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
        }
    }

    private Run dockerCompose(String... args) throws IOException, InterruptedException {
        return runIn(dir, dockerComposeCommand(args));
    }

    private Run berth(String... args) throws IOException, InterruptedException {
        return runIn(dir, berthCommand(args));
    }

    private static List<String> dockerComposeCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(DOCKER_COMPOSE.toString(), "--no-ansi"));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code berth --runtime docker} in its own JVM with the test's class path. */
    private static List<String> berthCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main", "--progress", "plain",
                "--runtime", "docker"));
        command.addAll(List.of(args));
        return command;
    }

    private Run runIn(Path directory, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
        pb.environment().put("DOCKER_HOST", DOCKERD.endpoint().host().toString());
        pb.environment().remove("DOCKER_CONTEXT");
        pb.environment().remove("COMPOSE_PROJECT_NAME");
        Path out = Files.createTempFile("berth-parity", ".out");
        Path err = Files.createTempFile("berth-parity", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = pb.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 180 s");
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
