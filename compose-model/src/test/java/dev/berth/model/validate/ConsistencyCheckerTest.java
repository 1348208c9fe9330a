package dev.berth.model.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.canonical.CanonicalContext;
import dev.berth.model.canonical.Canonicalizer;
import dev.berth.model.problem.Problem;
import dev.berth.model.problem.Problems;
import dev.berth.model.tree.MapNode;
import dev.berth.model.yaml.YamlReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConsistencyCheckerTest {

    private static List<String> messages(String yaml) {
        MapNode raw = (MapNode) YamlReader.read("compose.yaml", yaml);
        Problems problems = new Problems(p -> { });
        MapNode canonical = Canonicalizer.canonicalize(raw,
                CanonicalContext.of("demo", Path.of("/project"), k -> Optional.empty()), problems);
        List<String> out = new ArrayList<>();
        for (Problem p : ConsistencyChecker.check(canonical)) {
            out.add((p.isError() ? "" : "warning: ") + p.message());
        }
        return out;
    }

    @Test
    void acceptsAConsistentProject() {
        assertEquals(List.of(), messages("""
                services:
                  web:
                    image: nginx
                    networks: [front]
                    volumes: [data:/data]
                    secrets: [token]
                    depends_on: [db]
                  db:
                    build: .
                networks: {front: {}}
                volumes: {data: {}}
                secrets: {token: {file: ./t}}
                """));
    }

    @Test
    void reportsUndefinedReferences() {
        assertEquals(List.of(
                "service \"web\" refers to undefined network front",
                "service \"web\" refers to undefined volume data",
                "service \"web\" refers to undefined secret token",
                "service \"web\" refers to undefined config cfg",
                "service \"web\" depends on undefined service \"db\"",
                "warning: service \"web\" depends on undefined service \"cache\""), messages("""
                services:
                  web:
                    image: nginx
                    networks: [front]
                    volumes: [data:/data]
                    secrets: [token]
                    configs: [cfg]
                    depends_on:
                      db: {condition: service_healthy}
                      cache: {required: false}
                """));
    }

    @Test
    void reportsDependencyCycles() {
        assertEquals(List.of("dependency cycle detected: a -> b -> c -> a",
                "dependency cycle detected: d -> d"), messages("""
                services:
                  a: {image: x, depends_on: [b]}
                  b: {image: x, depends_on: [c]}
                  c: {image: x, depends_on: [a]}
                  d: {image: x, depends_on: [d]}
                """));
    }

    @Test
    void reportsExclusiveAttributes() {
        assertEquals(List.of(
                "service web declares mutually exclusive `network_mode` and `networks`",
                "warning: service web publishes ports with `network_mode: host`; published ports are discarded",
                "services.web: can't set distinct values on 'scale' and 'deploy.replicas'",
                "services.web: container_name cannot be used with more than one replica (scale 2): container names must be unique",
                "\"count\" and \"device_ids\" attributes are exclusive",
                "service \"nothing\" has neither an image nor a build context specified",
                "invalid mount config for type \"bind\": field Source must not be empty"), messages("""
                services:
                  web:
                    image: x
                    network_mode: host
                    networks: [default]
                    ports: ["80:80"]
                    scale: 2
                    container_name: fixed
                    deploy:
                      replicas: 3
                      resources:
                        reservations:
                          devices: [{capabilities: [gpu], count: 2, device_ids: ["a"]}]
                  nothing:
                    volumes: [{type: bind, target: /app}]
                """));
    }

    @Test
    void reportsConflictingResourceDefinitions() {
        assertEquals(List.of(
                "networks.foo: name and external.name conflict; only use name",
                "volumes.ext: conflicting parameters \"external\" and \"driver\" specified",
                "volumes.ext: conflicting parameters \"external\" and \"labels\" specified"), messages("""
                services: {}
                networks:
                  foo: {name: user_specified_name, external: {name: external_name}}
                volumes:
                  ext: {external: true, driver: foobar, labels: [a=b]}
                """));
    }
}
