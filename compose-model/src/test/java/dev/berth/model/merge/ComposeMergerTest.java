package dev.berth.model.merge;

import static dev.berth.model.merge.TestTrees.plain;
import static dev.berth.model.merge.TestTrees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeMergerTest {

    private static void assertMerged(String base, String override, String expected) {
        MapNode merged = ComposeMerger.merge(yaml("base.yaml", base), yaml("override.yaml", override));
        assertEquals(plain(yaml(expected)), plain(merged));
    }

    @Test
    void mappingsMergeScalarsReplaceSequencesAppend() {
        assertMerged("""
                services:
                  web: {image: a, read_only: true, volumes_from: [x], deploy: {replicas: 1, mode: replicated}}
                """, """
                services:
                  web: {image: b, volumes_from: [y], deploy: {replicas: 2}}
                  db: {image: pg}
                """, """
                services:
                  web: {image: b, read_only: true, volumes_from: [x, y], deploy: {replicas: 2, mode: replicated}}
                  db: {image: pg}
                """);
    }

    @Test
    void commandEntrypointAndHealthcheckTestAreReplaced() {
        assertMerged("""
                services:
                  web: {command: [a, b], entrypoint: sh, healthcheck: {test: [CMD, x], interval: 5s}}
                """, """
                services:
                  web: {command: [c], entrypoint: [bash, -c], healthcheck: {test: [CMD, y]}}
                """, """
                services:
                  web: {command: [c], entrypoint: [bash, -c], healthcheck: {test: [CMD, y], interval: 5s}}
                """);
    }

    @Test
    void nullOverrideKeepsTheBaseValue() {
        assertMerged("services: {web: {image: a}}", "services: {web: {image: null}}", "services: {web: {image: a}}");
    }

    @Test
    void buildStringIsPromotedToContext() {
        assertMerged("services: {web: {build: .}}", "services: {web: {build: {dockerfile: Dockerfile.dev}}}",
                "services: {web: {build: {context: ., dockerfile: Dockerfile.dev}}}");
        assertMerged("services: {web: {build: {context: ., target: dev}}}", "services: {web: {build: src}}",
                "services: {web: {build: {context: src, target: dev}}}");
    }

    @Test
    void dependsOnListsArePromotedToMappings() {
        assertMerged("services: {web: {depends_on: [db]}}", """
                services: {web: {depends_on: {db: {condition: service_healthy, required: false}, cache: {condition: service_started}}}}
                """, """
                services:
                  web:
                    depends_on:
                      db: {condition: service_healthy, required: false}
                      cache: {condition: service_started}
                """);
        assertMerged("services: {web: {depends_on: [db]}}", "services: {web: {depends_on: [cache]}}", """
                services:
                  web:
                    depends_on:
                      db: {condition: service_started, required: true}
                      cache: {condition: service_started, required: true}
                """);
    }

    @Test
    void environmentMixesFormsAndLastValueWins() {
        assertMerged("services: {web: {environment: [A=1, B=2]}}", "services: {web: {environment: {B: 3, C: null}}}",
                "services: {web: {environment: [A=1, B=3, C]}}");
    }

    @Test
    void resetKeyInsideAKeyValueMappingRemovesThatKey() {
        assertMerged("services: {web: {environment: [A=1, B=2]}}", "services: {web: {environment: {A: !reset }}}",
                "services: {web: {environment: [B=2]}}");
    }

    @Test
    void portsAreUniqueByHostPublishedTargetAndProtocol() {
        assertMerged("""
                services: {web: {ports: ["8080:80", "127.0.0.1:9000:9000", "53:53/udp", 3000]}}
                """, """
                services: {web: {ports: [{target: 80, published: "8080"}, "9000:9000", "53:53", "3000"]}}
                """, """
                services:
                  web:
                    ports: [{target: 80, published: "8080"}, "127.0.0.1:9000:9000", "53:53/udp", "3000", "9000:9000", "53:53"]
                """);
    }

    @Test
    void volumesSecretsAndConfigsAreUniqueByTarget() {
        assertMerged("""
                services:
                  web:
                    volumes: ["./a:/data", "cache:/cache:ro"]
                    secrets: [token, {source: key, target: /keys/k}]
                    configs: [app]
                """, """
                services:
                  web:
                    volumes: [{type: bind, source: ./b, target: /data}, "/tmp:/tmp"]
                    secrets: [{source: other, target: /run/secrets/token}, key]
                    configs: [{source: other, target: /app}]
                """, """
                services:
                  web:
                    volumes: [{type: bind, source: ./b, target: /data}, "cache:/cache:ro", "/tmp:/tmp"]
                    secrets: [{source: other, target: /run/secrets/token}, {source: key, target: /keys/k}, key]
                    configs: [{source: other, target: /app}]
                """);
    }

    @Test
    void exposeCapsProfilesAndSecurityOptionsAreDeduplicated() {
        assertMerged("services: {web: {expose: [80, \"443\"], cap_add: [A], profiles: [p], security_opt: [x]}}",
                "services: {web: {expose: [\"80\"], cap_add: [A, B], profiles: [p, q], security_opt: [x, y]}}",
                "services: {web: {expose: [\"80\", \"443\"], cap_add: [A, B], profiles: [p, q], security_opt: [x, y]}}");
    }

    @Test
    void loggingMergesOnlyWithTheSameDriver() {
        assertMerged("services: {web: {logging: {driver: json-file, options: {max-size: 1m}}}}",
                "services: {web: {logging: {options: {max-file: 3}}}}",
                "services: {web: {logging: {driver: json-file, options: {max-size: 1m, max-file: 3}}}}");
        assertMerged("services: {web: {logging: {driver: json-file, options: {max-size: 1m}}}}",
                "services: {web: {logging: {driver: syslog}}}", "services: {web: {logging: {driver: syslog}}}");
    }

    @Test
    void ipamConfigMergesBySubnetAndKeepsOtherBaseEntries() {
        assertMerged("""
                networks:
                  n: {ipam: {config: [{subnet: 10.0.0.0/16, gateway: 10.0.0.1}, {subnet: 10.1.0.0/16}]}}
                """, """
                networks:
                  n: {ipam: {config: [{subnet: 10.0.0.0/16, gateway: 10.0.0.254}, {subnet: 10.2.0.0/16}]}}
                """, """
                networks:
                  n: {ipam: {config: [{subnet: 10.0.0.0/16, gateway: 10.0.0.254}, {subnet: 10.1.0.0/16}, {subnet: 10.2.0.0/16}]}}
                """);
    }

    @Test
    void resetRemovesAndOverrideReplaces() {
        assertMerged("""
                services:
                  web: {image: a, ports: ["80:80"], environment: {A: "1"}, build: .}
                networks:
                  front: {external: true, name: f}
                """, """
                services:
                  web: {ports: !reset [], environment: !override {B: "2"}, build: !reset null}
                networks:
                  front: !override {driver: bridge}
                """, """
                services:
                  web: {image: a, environment: {B: "2"}}
                networks:
                  front: {driver: bridge}
                """);
    }

    @Test
    void tagsThroughSharedAliasesApplyEverywhere() {
        assertMerged("""
                services:
                  a: {image: x, ports: ["1:1"]}
                  b: {image: y, ports: ["2:2"]}
                """, """
                x-reset: &reset !reset []
                services:
                  a: {ports: *reset}
                  b: {ports: *reset}
                """, """
                services:
                  a: {image: x}
                  b: {image: y}
                """);
    }

    @Test
    void extensionsAreReplacedWholesale() {
        assertMerged("x-common: {a: 1, b: 2}\nservices: {web: {x-meta: [1]}}",
                "x-common: {a: 3}\nservices: {web: {x-meta: [2]}}",
                "x-common: {a: 3}\nservices: {web: {x-meta: [2]}}");
    }

    @Test
    void aSingleFileLosesItsTagsAndDuplicates() {
        MapNode single = ComposeMerger.mergeAll(List.of(yaml("""
                services:
                  web:
                    image: a
                    command: !reset x
                    ports: !override ["80:80", "80:80"]
                    environment: [A=1, A=2]
                """)));
        assertEquals(plain(yaml("services: {web: {image: a, ports: [\"80:80\"], environment: [A=2]}}")),
                plain(single));
        assertNoTags(single);
    }

    @Test
    void deduplicateKeepsTheFirstPositionAndTheLastValue() {
        MapNode file = yaml("services: {web: {devices: [\"/dev/a:/dev/x\", \"/dev/b:/dev/y\", \"/dev/c:/dev/x\"]}}");
        assertEquals(plain(yaml("services: {web: {devices: [\"/dev/c:/dev/x\", \"/dev/b:/dev/y\"]}}")),
                plain(ComposeMerger.deduplicate(file)));
    }

    @Test
    void winningNodesKeepTheirLocation() {
        MapNode merged = ComposeMerger.merge(yaml("base.yaml", "services:\n  web:\n    image: a\n    user: me\n"),
                yaml("override.yaml", "services:\n  web:\n    image: b\n"));
        MapNode web = merged.map("services").orElseThrow().map("web").orElseThrow();
        assertEquals(new Location("override.yaml", 3, 12), web.get("image").orElseThrow().location());
        assertEquals(new Location("override.yaml", 3, 5), web.keyLocation("image"));
        assertEquals("base.yaml", web.get("user").orElseThrow().location().file());
    }

    @Test
    void mergeServiceAppliesServiceRules() {
        MapNode merged = ComposeMerger.mergeService(yaml("{image: a, command: [x], labels: {a: \"1\"}}"),
                yaml("{command: [y], labels: [b=2]}"));
        assertEquals(plain(yaml("{image: a, command: [y], labels: [a=1, b=2]}")), plain(merged));
    }

    @Test
    void mergeRulesAreLookedUpByPath() {
        assertEquals(MergeStrategy.REPLACE, MergeRules.strategyFor(List.of("services", "s", "command")));
        assertEquals(MergeStrategy.DEEP, MergeRules.strategyFor(List.of("services", "s", "deploy")));
        assertEquals(MergeStrategy.DEEP, MergeRules.strategyFor(List.of("services", "x-not-an-extension")));
        assertEquals(UniqueKey.PORT, MergeRules.uniqueKeyFor(List.of("services", "s", "ports")).orElseThrow());
        assertFalse(MergeRules.uniqueKeyFor(List.of("services", "s", "command")).isPresent());
    }

    @Test
    void portKeysParseTheShortSyntax() {
        assertEquals("0.0.0.0::80/tcp", PortKey.shortSyntax("80"));
        assertEquals("0.0.0.0:8080:80/udp", PortKey.shortSyntax("8080:80/udp"));
        assertEquals("127.0.0.1:8080:80/tcp", PortKey.shortSyntax("127.0.0.1:8080:80"));
        assertEquals("::1:8080:80/tcp", PortKey.shortSyntax("[::1]:8080:80"));
        assertEquals("127.0.0.1::80/tcp", PortKey.shortSyntax("127.0.0.1::80"));
    }

    static void assertNoTags(Node node) {
        assertEquals(Tag.NONE, node.tag());
        if (node instanceof MapNode map) {
            map.entries().values().forEach(ComposeMergerTest::assertNoTags);
        } else if (node instanceof ListNode list) {
            list.items().forEach(ComposeMergerTest::assertNoTags);
        }
    }
}
