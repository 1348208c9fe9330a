package dev.berth.model.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.berth.model.project.Project;

import org.junit.jupiter.api.Test;

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
}
