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
}
