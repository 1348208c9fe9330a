package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth config} run in-process with captured output. */
class ConfigCommandTest {

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    private Result berth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = CommandTree.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private String compose() throws IOException {
        write(".env", "# settings\nTAG=1.5\n");
        return write("compose.yaml", """
                name: shop
                services:
                  web:
                    image: "nginx:${TAG}"
                    ports: ["8080:80"]
                    depends_on: [db]
                    command: echo hello
                  db:
                    image: postgres:${PG:-16}
                    volumes: [data:/var/lib/postgresql/data]
                volumes:
                  data: {}
                """).toString();
    }

    @Test
    void printsTheCanonicalModel() throws IOException {
        Result r = berth("-f", compose(), "config");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("""
                name: shop
                services:
                  db:
                    image: postgres:16
                    networks:
                      default: null
                    volumes:
                      - type: volume
                        source: data
                        target: /var/lib/postgresql/data
                        volume: {}
                  web:
                    command:
                      - echo
                      - hello
                    depends_on:
                      db:
                        condition: service_started
                        required: true
                    image: nginx:1.5
                    networks:
                      default: null
                    ports:
                      - mode: ingress
                        target: 80
                        published: "8080"
                        protocol: tcp
                networks:
                  default:
                    name: shop_default
                volumes:
                  data:
                    name: shop_data
                """, r.out());
    }

    @Test
    void projectFlagsGoBeforeTheSubcommandAsInDockerCompose() throws IOException {
        Result r = berth("-f", compose(), "config", "--services");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("db\nweb\n", r.out());
        Result after = berth("config", "-f", compose(), "--services");
        assertEquals(2, after.exitCode(), "docker compose rejects -f after the subcommand too");
    }

    @Test
    void listsVolumesImagesAndHashes() throws IOException {
        String file = compose();
        assertEquals("data\n", berth("-f", file, "config", "--volumes").out());
        assertEquals("postgres:16\nnginx:1.5\n", berth("-f", file, "config", "--images").out());
        String hashes = berth("-f", file, "config", "--hash", "*").out();
        assertTrue(hashes.matches("db [0-9a-f]{64}\nweb [0-9a-f]{64}\n"), hashes);
        String one = berth("-f", file, "config", "--hash", "web").out();
        assertTrue(hashes.endsWith(one), "the same hash either way");
    }

    @Test
    void hashChangesWithTheEnvironmentButNotWithDependsOn() throws IOException {
        String file = compose();
        String before = berth("-f", file, "config", "--hash", "web").out();
        Files.writeString(dir.resolve(".env"), "TAG=1.6\n");
        String changed = berth("-f", file, "config", "--hash", "web").out();
        assertFalse(before.equals(changed), "a new image tag changes the hash");
        Files.writeString(Path.of(file), Files.readString(Path.of(file)).replace("depends_on: [db]", "depends_on: []"));
        assertEquals(changed, berth("-f", file, "config", "--hash", "web").out(), "depends_on is not hashed");
    }

    @Test
    void jsonFormatAndOutputFile() throws IOException {
        String file = compose();
        Path out = dir.resolve("out.json");
        Result r = berth("-f", file, "config", "--format", "json", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals("nginx:1.5", json.path("services").path("web").path("image").asText());
    }

    @Test
    void quietPrintsNothing() throws IOException {
        Result r = berth("-f", compose(), "config", "-q");
        assertEquals(0, r.exitCode());
        assertEquals("", r.out());
    }

    @Test
    void variablesAndExplain() throws IOException {
        String file = compose();
        Result vars = berth("-f", file, "config", "--variables");
        assertEquals("""
                NAME   REQUIRED   DEFAULT VALUE
                TAG    false
                PG     false      16
                """, vars.out());
        Result explain = berth("-f", file, "config", "--explain", "TAG");
        assertEquals(0, explain.exitCode(), explain.err());
        assertTrue(explain.out().contains(".env"), explain.out());
        assertTrue(explain.out().contains(":2"), "names the line of the .env file: " + explain.out());
        Result explainDefault = berth("-f", file, "config", "--explain", "PG");
        assertTrue(explainDefault.out().contains("compose.yaml:9"), explainDefault.out());
    }

    @Test
    void noInterpolateKeepsTheTemplates() throws IOException {
        Result r = berth("-f", compose(), "config", "--no-interpolate");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("image: nginx:${TAG}"), r.out());
    }

    @Test
    void yamlSyntaxErrorPointsAtLineAndColumnWithoutStackTrace() throws IOException {
        Path file = write("compose.yaml", "services:\n  web:\n    image: [nginx\n    ports: 80\n");
        Result r = berth("-f", file.toString(), "config");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().matches("(?s).*compose\\.yaml:\\d+:\\d+ .*invalid YAML.*"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void everySchemaProblemIsReportedAtOnceWithAHint() throws IOException {
        Path file = write("compose.yaml", """
                services:
                  web:
                    imgae: nginx
                    restart: sometimes
                  db:
                    image: 5
                """);
        Result r = berth("-f", file.toString(), "config");
        assertEquals(1, r.exitCode());
        String[] lines = r.err().strip().split("\n");
        assertEquals(2, lines.length, r.err());
        assertTrue(lines[0].startsWith(file + ":3:5  services.web.imgae"), lines[0]);
        assertTrue(lines[0].contains("did you mean 'image'?"), lines[0]);
        assertTrue(r.err().contains(":6:12  services.db.image"), r.err());
    }

    @Test
    void aValueOfTheWrongTypeAfterInterpolationIsLocated() throws IOException {
        Path file = write("compose.yaml", "services:\n  web:\n    image: nginx\n    ports: [{target: \"${PORT:-eighty}\"}]\n");
        Result r = berth("-f", file.toString(), "config");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith(file + ":4:22  services.web.ports[0].target: \"eighty\""), r.err());
        assertTrue(r.err().contains("must be an integer"), r.err());
    }

    @Test
    void modelRulesAreCheckedAfterTheSchema() throws IOException {
        Path file = write("compose.yaml", """
                services:
                  web: {image: x, restart: sometimes, network_mode: host, networks: [front]}
                networks:
                  front: {}
                """);
        Result r = berth("-f", file.toString(), "config", "--no-consistency");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("invalid restart policy \"sometimes\""), r.err());
        assertTrue(r.err().contains("mutually exclusive `network_mode` and `networks`"), r.err());
    }

    @Test
    void undefinedVolumeAndDependencyCycleAreReported() throws IOException {
        Path file = write("compose.yaml", """
                services:
                  a: {image: x, depends_on: [b], volumes: ["missing:/data"]}
                  b: {image: x, depends_on: [a]}
                """);
        Result r = berth("-f", file.toString(), "config");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("undefined volume missing"), r.err());
        assertTrue(r.err().contains("dependency cycle detected"), r.err());
    }

    @Test
    void missingRequiredVariableNamesFileAndLine() throws IOException {
        Path file = write("compose.yaml", "services:\n  web:\n    image: ${IMAGE:?set IMAGE to the image to run}\n");
        Result r = berth("-f", file.toString(), "config");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("compose.yaml:3:12"), r.err());
        assertTrue(r.err().contains("set IMAGE to the image to run"), r.err());
    }

    @Test
    void unknownServiceForHashIsAClearError() throws IOException {
        Result r = berth("-f", compose(), "config", "--hash", "nope");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("no such service: nope"), r.err());
    }

    @Test
    void usageErrorsExitTwo() {
        Result r = berth("config", "--format", "xml");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--help"), r.err());
    }
}
