package dev.berth.model.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.canonical.CanonicalContext;
import dev.berth.model.canonical.Canonicalizer;
import dev.berth.model.problem.Problems;
import dev.berth.model.project.Project;
import dev.berth.model.project.ProjectBinder;
import dev.berth.model.tree.MapNode;
import dev.berth.model.yaml.YamlReader;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProjectWriterTest {

    static final Path DIR = Path.of("/srv/app");

    static Project load(String yaml) {
        MapNode raw = (MapNode) YamlReader.read("compose.yaml", yaml);
        Problems problems = new Problems(p -> { });
        Map<String, String> env = Map.of("TOKEN", "s3cret");
        MapNode canonical = Canonicalizer.canonicalize(raw, new CanonicalContext("shop", DIR,
                k -> Optional.ofNullable(env.get(k)), null, Path.of("/home/me"), true, true), problems);
        problems.throwIfErrors();
        return ProjectBinder.bind(canonical, DIR);
    }

    static final String INPUT = """
            x-common: &common {restart: always}
            services:
              web:
                <<: *common
                build: ./web
                command: npm start
                ports: ["8080:80", "127.0.0.1::9229"]
                environment: [TOKEN, MODE=dev]
                depends_on: [db]
                volumes: ["./src:/app/src:ro", "cache:/cache"]
                healthcheck: {test: curl -f localhost, interval: 90s}
                x-note: hi
              db:
                image: postgres:16
                networks: [back]
                ulimits: {nofile: 1024}
                deploy: {resources: {limits: {memory: 512m, cpus: "0.5"}}}
            networks:
              back:
            volumes:
              cache:
            """;

    @Test
    void writesCanonicalYaml() {
        assertEquals("""
                name: shop
                services:
                  db:
                    deploy:
                      resources:
                        limits:
                          cpus: 0.5
                          memory: 536870912
                    image: postgres:16
                    networks:
                      back: null
                    ulimits:
                      nofile:
                        soft: 1024
                        hard: 1024
                  web:
                    build:
                      context: /srv/app/web
                      dockerfile: Dockerfile
                    command:
                      - npm
                      - start
                    depends_on:
                      db:
                        condition: service_started
                        required: true
                    environment:
                      MODE: dev
                      TOKEN: s3cret
                    healthcheck:
                      test:
                        - CMD-SHELL
                        - curl -f localhost
                      interval: 1m30s
                    networks:
                      default: null
                    ports:
                      - mode: ingress
                        target: 80
                        published: "8080"
                        protocol: tcp
                      - mode: ingress
                        host_ip: 127.0.0.1
                        target: 9229
                        protocol: tcp
                    restart: always
                    volumes:
                      - type: bind
                        source: /srv/app/src
                        target: /app/src
                        read_only: true
                        bind:
                          create_host_path: true
                      - type: volume
                        source: cache
                        target: /cache
                        volume: {}
                    x-note: hi
                networks:
                  back:
                    name: shop_back
                  default:
                    name: shop_default
                volumes:
                  cache:
                    name: shop_cache
                x-common:
                  restart: always
                """, ProjectWriter.yaml(load(INPUT)));
    }

    @Test
    void writesCanonicalJson() {
        String json = ProjectWriter.json(load("""
                services:
                  a: {image: alpine, command: [echo, hi], labels: [b=2, a=1]}
                """));
        assertEquals("""
                {
                  "name": "shop",
                  "services": {
                    "a": {
                      "command": [
                        "echo",
                        "hi"
                      ],
                      "image": "alpine",
                      "labels": {
                        "a": "1",
                        "b": "2"
                      },
                      "networks": {
                        "default": null
                      }
                    }
                  },
                  "networks": {
                    "default": {
                      "name": "shop_default"
                    }
                  }
                }
                """, json);
    }

    @Test
    void outputLoadsBackToTheSameOutput() {
        String first = ProjectWriter.yaml(load(INPUT));
        String second = ProjectWriter.yaml(load(first));
        assertEquals(first, second);
        assertEquals(ProjectWriter.json(load(INPUT)), ProjectWriter.json(load(first)));
    }

    @Test
    void emptyCommandIsKeptBecauseItClearsTheImageCommand() {
        assertEquals("""
                name: shop
                services:
                  a:
                    command: []
                    image: alpine
                    network_mode: none
                """, ProjectWriter.yaml(load("services: {a: {image: alpine, command: [], network_mode: none}}")));
    }

    @Test
    void quotesAmbiguousStringsAndWritesMultiLineStringsAsBlocks() {
        assertEquals("""
                name: shop
                services:
                  a:
                    environment:
                      EMPTY: ""
                      NUM: "42"
                      PLAIN: hello world
                      WORD: "yes"
                    image: alpine
                    network_mode: none
                configs:
                  c:
                    name: shop_c
                    content: |
                      line one
                      line two
                """, ProjectWriter.yaml(load("""
                services: {a: {image: alpine, network_mode: none,
                  environment: {NUM: 42, WORD: "yes", EMPTY: "", PLAIN: hello world}}}
                configs: {c: {content: "line one\\nline two\\n"}}
                """)));
    }
}
