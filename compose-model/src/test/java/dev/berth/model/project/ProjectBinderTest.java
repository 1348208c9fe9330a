package dev.berth.model.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.canonical.CanonicalContext;
import dev.berth.model.canonical.Canonicalizer;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problems;
import dev.berth.model.tree.MapNode;
import dev.berth.model.yaml.YamlReader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProjectBinderTest {

    private static Project bind(String yaml) {
        MapNode raw = (MapNode) YamlReader.read("compose.yaml", yaml);
        Problems problems = new Problems(p -> { });
        MapNode canonical = Canonicalizer.canonicalize(raw,
                CanonicalContext.of("p", Path.of("/w"), k -> Optional.empty()), problems);
        problems.throwIfErrors();
        return ProjectBinder.bind(canonical, Path.of("/w"));
    }

    @Test
    void bindsTypedAttributes() {
        Project project = bind("""
                services:
                  web:
                    image: nginx
                    init: yes
                    command: nginx -g 'daemon off;'
                    ports: ["8080:80"]
                    volumes: ["./html:/usr/share/nginx/html:ro"]
                    depends_on: {db: {condition: service_healthy, restart: true}}
                    healthcheck: {test: [CMD, true], interval: 10s, retries: 3}
                    ulimits: {nofile: {soft: 1, hard: 2}}
                    mem_limit: 1g
                    cpus: "1.5"
                    deploy: {replicas: 2, resources: {limits: {memory: 64m}}}
                    x-tool: {a: 1}
                  db:
                    image: postgres
                networks:
                  ext: {external: true}
                x-top: hello
                """);
        assertEquals("p", project.name());
        assertEquals(Path.of("/w"), project.workingDir());
        assertEquals(List.of("web", "db"), List.copyOf(project.services().keySet()));
        Service web = project.service("web");
        assertEquals(Boolean.TRUE, web.init());
        assertEquals(List.of("nginx", "-g", "daemon off;"), web.command());
        assertNull(web.entrypoint());
        assertEquals(new PortConfig(null, "ingress", null, 80L, "8080", "tcp", null), web.ports().get(0));
        ServiceVolume html = web.volumes().get(0);
        assertEquals("bind", html.type());
        assertEquals("/w/html", html.source());
        assertEquals(Boolean.TRUE, html.readOnly());
        assertEquals(Boolean.TRUE, html.bind().createHostPath());
        assertEquals(new DependsOn("service_healthy", true, true), web.dependsOn().get("db"));
        assertEquals(List.of("CMD", "true"), web.healthcheck().test());
        assertEquals("10s", web.healthcheck().interval());
        assertEquals(new Ulimit(1L, 2L), web.ulimits().get("nofile"));
        assertEquals(1L << 30, web.memLimit());
        assertEquals(1.5, web.cpus());
        assertEquals(2L, web.deploy().replicas());
        assertEquals(64L << 20, web.deploy().resources().limits().memory());
        assertEquals(Map.of("x-tool", Map.of("a", 1L)), web.extensions());
        assertTrue(web.networks().containsKey("default"));
        assertNull(web.networks().get("default"));
        assertEquals(new NetworkConfig("ext", null, Map.of(), null, true, null, null, Map.of(), null, null, Map.of()),
                project.networks().get("ext"));
        assertEquals(Map.of("x-top", "hello"), project.extensions());
    }

    @Test
    void collectionsAreUnmodifiable() {
        Service web = bind("services: {web: {image: x, labels: [a=b], cap_add: [NET_ADMIN]}}").service("web");
        assertThrows(UnsupportedOperationException.class, () -> web.labels().put("c", "d"));
        assertThrows(UnsupportedOperationException.class, () -> web.capAdd().add("ALL"));
        assertEquals(List.of(), web.ports());
    }

    @Test
    void wrongShapesAreReportedWithTheirLocation() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> bind("services: {web: {image: x, scale: lots}, db: {image: y, privileged: maybe}}"));
        assertEquals(2, e.problems().size());
        assertEquals("services.web", e.problems().get(0).path());
        assertEquals("services.db", e.problems().get(1).path());
    }
}
