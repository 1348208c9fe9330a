package dev.berth.model.extend;

import static dev.berth.model.merge.TestTrees.plain;
import static dev.berth.model.merge.TestTrees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PathRebaserTest {

    private static final Path DIR = Path.of("/srv/app/lib");

    @Test
    void rebasesTheRelativePathsOfAService() {
        var service = yaml("""
                build:
                  context: ../src
                  dockerfile: Dockerfile.dev
                  additional_contexts: {assets: ./assets, base: "docker-image://alpine", remote: "https://x/y.git"}
                env_file: [.env, {path: /etc/app.env}]
                label_file: labels
                volumes: ["./cache:/cache", "data:/data", "/abs:/abs", "~/home:/h", {type: volume, source: v, target: /v}]
                extends: {file: ../base.yaml, service: b}
                develop: {watch: [{path: ./src, action: sync, target: /app}]}
                """);
        assertEquals(plain(yaml("""
                build:
                  context: /srv/app/src
                  dockerfile: Dockerfile.dev
                  additional_contexts: {assets: /srv/app/lib/assets, base: "docker-image://alpine", remote: "https://x/y.git"}
                env_file: [/srv/app/lib/.env, {path: /etc/app.env}]
                label_file: /srv/app/lib/labels
                volumes: ["/srv/app/lib/cache:/cache", "data:/data", "/abs:/abs", "~/home:/h", {type: volume, source: v, target: /v}]
                extends: {file: /srv/app/base.yaml, service: b}
                develop: {watch: [{path: /srv/app/lib/src, action: sync, target: /app}]}
                """)), plain(PathRebaser.rebaseService(service, DIR)));
    }

    @Test
    void listFormAdditionalContextsAndMissingContext() {
        var service = yaml("build: {additional_contexts: [a=./a, b=service:web]}");
        assertEquals(plain(yaml("build: {additional_contexts: [a=/srv/app/lib/a, b=service:web], context: /srv/app/lib}")),
                plain(PathRebaser.rebaseService(service, DIR)));
    }

    @Test
    void rebasesSecretAndConfigFilesOfAFile() {
        var file = yaml("""
                services: {s: {build: .}}
                secrets: {pw: {file: pw.txt}, ext: {external: true}}
                configs: {c: {file: ./c.conf}, e: {environment: X}}
                """);
        assertEquals(plain(yaml("""
                services: {s: {build: /srv/app/lib}}
                secrets: {pw: {file: /srv/app/lib/pw.txt}, ext: {external: true}}
                configs: {c: {file: /srv/app/lib/c.conf}, e: {environment: X}}
                """)), plain(PathRebaser.rebaseResources(file, DIR)));
    }
}
