package dev.berth.model.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.berth.model.project.Project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigHashTest {

    @Test
    void hashesTheCanonicalJsonWithoutRecreateNeutralFields() {
        Project project = ProjectWriterTest.load("""
                services:
                  a:
                    image: alpine
                    build: .
                    pull_policy: always
                    scale: 2
                    deploy: {replicas: 2}
                    depends_on: [b]
                    profiles: [dev]
                    x-anything: 1
                  b: {image: alpine, network_mode: none}
                """);
        String json = ConfigHash.canonicalJson(project.service("a"));
        assertEquals("{\"image\":\"alpine\",\"networks\":{\"default\":null}}", json);
        assertEquals(ConfigHash.sha256(json), ConfigHash.of(project.service("a")));
        assertEquals(64, ConfigHash.of(project.service("a")).length());
    }

    @Test
    void knownDigest() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ConfigHash.sha256(""));
    }

    @Test
    void environmentChangesTheHashButReplicasDoNot() {
        String base = ConfigHash.of(ProjectWriterTest.load("services: {a: {image: x, environment: {A: 1}}}").service("a"));
        String changedEnv = ConfigHash.of(ProjectWriterTest.load("services: {a: {image: x, environment: {A: 2}}}")
                .service("a"));
        String scaled = ConfigHash.of(ProjectWriterTest.load(
                "services: {a: {image: x, environment: {A: 1}, deploy: {replicas: 5}}}").service("a"));
        assertNotEquals(base, changedEnv);
        assertEquals(base, scaled);
    }

    @Test
    void serviceReferencesAreHashedAsTheCurrentContainer() {
        var project = ProjectWriterTest.load("""
                services:
                  a: {image: x, network_mode: "service:b", volumes_from: ["b:ro"]}
                  b: {image: x}
                """);
        var a = project.service("a");
        String first = ConfigHash.of(a, name -> java.util.Optional.of("c1"));
        String recreated = ConfigHash.of(a, name -> java.util.Optional.of("c2"));
        assertNotEquals(first, recreated);
        assertEquals(ConfigHash.of(a), ConfigHash.of(a, name -> java.util.Optional.empty()));
        assertNotEquals(ConfigHash.of(a), first);
    }

    @Test
    void volumeHashDefaultsTheDriverToLocal() {
        var project = ProjectWriterTest.load("""
                services: {a: {image: x, volumes: [data:/d, other:/o]}}
                volumes: {data: {name: same}, other: {name: same, driver: local}}
                """);
        assertEquals(ConfigHash.of(project.volumes().get("data")), ConfigHash.of(project.volumes().get("other")));
        assertEquals(64, ConfigHash.of(project.networks().get("default")).length());
    }

    @Test
    void theContentOfASecretFileIsHashedAsADigest(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token.txt");
        Files.writeString(token, "first");
        String yaml = "services: {a: {image: x, secrets: [token], configs: [app]}}\n"
                + "secrets: {token: {file: " + token + "}}\n"
                + "configs: {app: {file: " + dir.resolve("missing.conf") + "}}\n";
        Project project = ProjectWriterTest.load(yaml);
        String first = ConfigHash.of(project, "a");
        Map<String, String> firstDigests = ConfigHash.fileObjectDigests(project, "a");
        assertEquals(Map.of("secret:token", ConfigHash.sha256("first").substring(0, 12)), firstDigests);
        assertNotEquals(ConfigHash.of(project.service("a")), first);
        assertEquals(first, ConfigHash.of(ProjectWriterTest.load(yaml), "a"));

        Files.writeString(token, "second");
        Project changed = ProjectWriterTest.load(yaml);
        assertNotEquals(first, ConfigHash.of(changed, "a"));
        assertEquals(ConfigHash.sha256("second").substring(0, 12),
                ConfigHash.fileObjectDigests(changed, "a").get("secret:token"));
        assertFalse(ConfigHash.of(changed, "a").contains("second"));
    }

    @Test
    void aServiceWhoseSecretFilesAreMissingHashesAsCompose(@TempDir Path dir) {
        Project project = ProjectWriterTest.load("services: {a: {image: x, secrets: [token]}}\n"
                + "secrets: {token: {file: " + dir.resolve("absent") + "}}\n");
        assertEquals(ConfigHash.of(project.service("a")), ConfigHash.of(project, "a"));
        assertEquals(Map.of(), ConfigHash.fileObjectDigests(project, "a"));
    }

    @Test
    void valuesGivenByContentHaveDigestsToo() {
        Project project = ProjectWriterTest.load("""
                services: {a: {image: x, configs: [app]}}
                configs: {app: {content: "port=1"}}
                """);
        assertEquals(Map.of("config:app", ConfigHash.sha256("port=1").substring(0, 12)),
                ConfigHash.fileObjectDigests(project, "a"));
    }
}
