package dev.berth.model.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.problem.Problem;
import dev.berth.model.problem.Problems;
import dev.berth.model.tree.MapNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalizerTest {

    @TempDir
    Path dir;

    private final List<Problem> warnings = new ArrayList<>();

    private CanonicalContext ctx(boolean resolve, boolean normalize) {
        Map<String, String> env = Map.of("FROM_ENV", "yes", "ARG1", "a1");
        return new CanonicalContext("demo", dir, k -> Optional.ofNullable(env.get(k)), null, Path.of("/home/me"),
                resolve, normalize);
    }

    private Object canon(String yaml, boolean resolve, boolean normalize) {
        Problems problems = new Problems(warnings::add);
        MapNode out = Canonicalizer.canonicalize(Plain.read(yaml), ctx(resolve, normalize), problems);
        assertEquals(List.of(), problems.errors());
        return Plain.of(out);
    }

    private List<Problem> errors(String yaml) {
        Problems problems = new Problems(warnings::add);
        Canonicalizer.canonicalize(Plain.read(yaml), ctx(true, true), problems);
        return problems.errors();
    }

    @Test
    void expandsPortShortSyntax() {
        Object out = canon("""
                services:
                  web:
                    image: nginx
                    ports:
                      - "8080:80/udp"
                      - 3000
                      - "127.0.0.1::53"
                      - "[::1]:6001:6001"
                      - "9000-9001:90-91"
                      - "7000-7005:70"
                      - target: 81
                        published: 8081
                """, false, false);
        assertEquals(Plain.yaml("""
                name: demo
                services:
                  web:
                    image: nginx
                    ports:
                      - {mode: ingress, target: 80, published: "8080", protocol: udp}
                      - {mode: ingress, target: 3000, protocol: tcp}
                      - {mode: ingress, host_ip: 127.0.0.1, target: 53, protocol: tcp}
                      - {mode: ingress, host_ip: "::1", target: 6001, published: "6001", protocol: tcp}
                      - {mode: ingress, target: 90, published: "9000", protocol: tcp}
                      - {mode: ingress, target: 91, published: "9001", protocol: tcp}
                      - {mode: ingress, target: 70, published: "7000-7005", protocol: tcp}
                      - {mode: ingress, target: 81, published: "8081", protocol: tcp}
                """), out);
    }

    @Test
    void expandsVolumeShortSyntaxAndResolvesPaths() {
        Object out = canon("""
                services:
                  db:
                    image: postgres
                    volumes:
                      - /anon
                      - data:/var/lib/data:nocopy
                      - ./conf:/etc/conf:ro,z
                      - ~/cache:/cache:rshared
                      - type: bind
                        source: ../shared
                        target: /shared/./x/
                """, true, false);
        String abs = dir.toString();
        assertEquals(Plain.yaml("""
                name: demo
                services:
                  db:
                    image: postgres
                    volumes:
                      - {type: volume, target: /anon, volume: {}}
                      - {type: volume, source: data, target: /var/lib/data, volume: {nocopy: true}}
                      - {type: bind, source: "%s/conf", target: /etc/conf, read_only: true, bind: {create_host_path: true, selinux: z}}
                      - {type: bind, source: /home/me/cache, target: /cache, bind: {propagation: rshared, create_host_path: true}}
                      - {type: bind, source: "%s/shared", target: /shared/x, bind: {create_host_path: true}}
                """.formatted(abs, dir.getParent().toString())), out);
    }

    @Test
    void reportsInvalidShortSyntaxWithLocation() {
        List<Problem> errors = errors("""
                services:
                  a:
                    image: x
                    ports:
                      - "tcp"
                    volumes:
                      - "/foo:/foo:ro:foo"
                """);
        assertEquals(2, errors.size());
        assertEquals("Invalid containerPort: tcp", errors.get(0).message());
        assertEquals("services.a.ports[0]", errors.get(0).path());
        assertEquals(5, errors.get(0).location().line());
        assertTrue(errors.get(1).message().contains("too many colons"), errors.get(1).message());
        assertEquals("services.a.volumes[0]", errors.get(1).path());
    }

    @Test
    void convertsListsToMappingsAndResolvesEnvironment() throws IOException {
        Files.writeString(dir.resolve("a.env"), "A=1\nB=from-file\n# comment\nC='x y'\n");
        Files.writeString(dir.resolve("b.env"), "A=2\n");
        Object out = canon("""
                services:
                  app:
                    build: ./app
                    env_file: [a.env, {path: b.env}, {path: missing.env, required: false}]
                    environment:
                      - B=explicit
                      - FROM_ENV
                      - UNSET_VAR
                      - NUM=1
                    labels: [com.example=1, flag]
                    sysctls: {net.core.somaxconn: 1024}
                    extra_hosts: ["alpha:50.31.209.229", "zulu=127.0.0.2", "zulu:ff02::1"]
                    networks: [front, back]
                    depends_on: [db]
                    secrets: [token]
                    command: sh -c 'echo "hi there"' done
                    healthcheck:
                      test: curl -f http://localhost
                      interval: 90s
                      timeout: 1h
                      start_period: 500ms
                    ulimits: {nofile: 1024, nproc: {soft: 1, hard: 2}}
                    stop_grace_period: 1m30s
                    shm_size: 64m
                """, true, false);
        assertEquals(Plain.yaml("""
                name: demo
                services:
                  app:
                    build: {context: "%s/app", dockerfile: Dockerfile}
                    environment: {A: "2", B: explicit, C: x y, FROM_ENV: "yes", NUM: "1"}
                    labels: {com.example: "1", flag: ""}
                    sysctls: {net.core.somaxconn: "1024"}
                    extra_hosts: {alpha: [50.31.209.229], zulu: [127.0.0.2, "ff02::1"]}
                    networks: {front: null, back: null}
                    depends_on: {db: {condition: service_started, required: true, restart: false}}
                    secrets: [{source: token}]
                    command: [sh, -c, echo "hi there", done]
                    healthcheck:
                      test: [CMD-SHELL, curl -f http://localhost]
                      interval: 1m30s
                      timeout: 1h0m0s
                      start_period: 500ms
                    ulimits: {nofile: {soft: 1024, hard: 1024}, nproc: {soft: 1, hard: 2}}
                    stop_grace_period: 1m30s
                    shm_size: 67108864
                """.formatted(dir)), out);
    }

    @Test
    void normalizesNetworksNamesAndImplicitDependencies() {
        Object out = canon("""
                version: "3.9"
                services:
                  web:
                    image: nginx
                    links: [db:database]
                    volumes_from: [files:ro]
                  db:
                    image: postgres
                    network_mode: service:files
                  files:
                    image: busybox
                volumes:
                  data:
                  ext:
                    external: {name: real}
                secrets:
                  token: {file: ./token.txt}
                x-extra: 1
                """, true, true);
        assertEquals(Plain.yaml("""
                name: demo
                services:
                  web:
                    image: nginx
                    links: [db:database]
                    volumes_from: [files:ro]
                    networks: {default: null}
                    depends_on:
                      db: {condition: service_started, required: true, restart: true}
                      files: {condition: service_started, required: true, restart: false}
                  db:
                    image: postgres
                    network_mode: service:files
                    depends_on:
                      files: {condition: service_started, required: true, restart: true}
                  files:
                    image: busybox
                    networks: {default: null}
                networks:
                  default: {name: demo_default}
                volumes:
                  data: {name: demo_data}
                  ext: {name: real, external: true}
                secrets:
                  token: {name: demo_token, file: "%s/token.txt"}
                x-extra: 1
                """.formatted(dir)), out);
    }

    @Test
    void reportsEnvironmentKeyWithTrailingSpace() {
        List<Problem> errors = errors("""
                services:
                  test:
                    environment:
                      - DEBUG = true
                """);
        assertEquals(1, errors.size());
        assertEquals("environment variable DEBUG  is declared with a trailing space", errors.get(0).message());
    }

    @Test
    void missingRequiredEnvFileIsAnError() {
        List<Problem> errors = errors("""
                services:
                  test:
                    image: x
                    env_file: nope.env
                """);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).message().startsWith("env file " + dir.resolve("nope.env") + " not found"));
    }

    @Test
    void canonicalizesNestedAttributes() {
        Object out = canon("""
                services:
                  gpu:
                    image: cuda
                    gpus: all
                    devices: ["/dev/fuse", "/dev/sda:/dev/xvda:r"]
                    post_start: [{command: echo started, environment: [A=1]}]
                    develop: {watch: [{path: ./src, action: sync, target: /app}]}
                    deploy:
                      restart_policy: {condition: on-failure, delay: 5s, window: 120s}
                      update_config: {delay: 10s, monitor: 1m}
                      labels: [tier=gpu]
                    blkio_config: {device_read_bps: [{path: /dev/sda, rate: 1mb}]}
                    build:
                      context: .
                      args: [ARG1, ARG2, ARG3=x]
                      additional_contexts: {lib: ../lib, img: "docker-image://alpine"}
                    logging: {driver: json-file, options: {max-file: 3}}
                configs:
                  cfg: {environment: FROM_ENV}
                secrets:
                  sec: {environment: ARG1}
                volumes:
                  local: {driver_opts: {type: none, o: bind, device: ./data}}
                """, true, false);
        assertEquals(Plain.yaml("""
                name: demo
                services:
                  gpu:
                    image: cuda
                    gpus: [{count: -1}]
                    devices:
                      - {source: /dev/fuse, target: /dev/fuse, permissions: rwm}
                      - {source: /dev/sda, target: /dev/xvda, permissions: r}
                    post_start: [{command: [echo, started], environment: {A: "1"}}]
                    develop: {watch: [{path: "%1$s/src", action: sync, target: /app}]}
                    deploy:
                      restart_policy: {condition: on-failure, delay: 5s, window: 2m0s}
                      update_config: {delay: 10s, monitor: 1m0s}
                      labels: {tier: gpu}
                    blkio_config: {device_read_bps: [{path: /dev/sda, rate: 1048576}]}
                    build:
                      context: "%1$s"
                      dockerfile: Dockerfile
                      args: {ARG1: a1, ARG2: null, ARG3: x}
                      additional_contexts: {lib: "%2$s/lib", img: "docker-image://alpine"}
                    logging: {driver: json-file, options: {max-file: "3"}}
                configs:
                  cfg: {environment: FROM_ENV, content: "yes"}
                secrets:
                  sec: {environment: ARG1, content: a1}
                volumes:
                  local: {driver_opts: {type: none, o: bind, device: "%1$s/data"}}
                """.formatted(dir, dir.getParent())), out);
    }

    @Test
    void withoutNormalizationNoNamesOrDefaultNetworkAreAdded() {
        Object out = canon("""
                services:
                  a: {image: x, links: [b]}
                  b: {image: x}
                volumes: {data: }
                """, false, false);
        assertEquals(Plain.yaml("""
                name: demo
                services:
                  a: {image: x, links: [b]}
                  b: {image: x}
                volumes: {data: {}}
                """), out);
    }

    @Test
    void prunesUnusedResources() {
        Problems problems = new Problems(warnings::add);
        MapNode canonical = Canonicalizer.canonicalize(Plain.read("""
                services:
                  a: {image: x, volumes: [used:/d], secrets: [s1], networks: [n1]}
                volumes: {used: {}, unused: {}}
                secrets: {s1: {file: ./a}, s2: {file: ./b}}
                networks: {n1: {}, n2: {}}
                configs: {c: {content: x}}
                """), ctx(false, false), problems);
        assertEquals(Plain.yaml("""
                name: demo
                services:
                  a:
                    image: x
                    volumes: [{type: volume, source: used, target: /d, volume: {}}]
                    secrets: [{source: s1}]
                    networks: {n1: null}
                networks: {n1: {}}
                volumes: {used: {}}
                secrets: {s1: {file: ./a}}
                """), Plain.of(UnusedResources.prune(canonical)));
    }

    @Test
    void readsLabelFilesAndResolvesSshKeys() throws IOException {
        Files.writeString(dir.resolve("labels.env"), "com.a=from-file\ncom.b=file\n");
        Object out = canon("""
                services:
                  a:
                    image: x
                    label_file: labels.env
                    labels: {com.b: inline}
                    build: {context: ., ssh: [default, key=./id_rsa]}
                """, true, false);
        assertEquals(Plain.yaml("""
                name: demo
                services:
                  a:
                    image: x
                    labels: {com.a: from-file, com.b: inline}
                    build: {context: "%1$s", dockerfile: Dockerfile, ssh: {default: "", key: "%1$s/id_rsa"}}
                """.formatted(dir)), out);
    }
}
