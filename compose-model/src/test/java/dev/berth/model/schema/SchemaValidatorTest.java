package dev.berth.model.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.problem.Problem;
import dev.berth.model.tree.Location;
import dev.berth.model.yaml.YamlReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {

    private final SchemaValidator validator = new SchemaValidator();

    private List<Problem> check(String yaml) {
        return validator.validate(YamlReader.read("compose.yaml", yaml));
    }

    private Problem only(String yaml) {
        List<Problem> problems = check(yaml);
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        return problems.get(0);
    }

    @Test
    void aValidFileHasNoProblems() {
        assertEquals(List.of(), check("""
                name: shop
                x-common: &common
                  restart: unless-stopped
                services:
                  web:
                    <<: *common
                    image: nginx:1.27
                    build:
                      context: ./web
                      args: [VERSION=1]
                      x-note: kept
                    ports: ["8080:80", {target: 443, published: "8443", protocol: tcp}]
                    environment: {A: 1, B: true, C: null}
                    depends_on:
                      db: {condition: service_healthy, restart: true}
                    healthcheck: {test: [CMD, "true"], interval: 10s, retries: 3}
                    volumes: [data:/var/lib, {type: bind, source: ., target: /src, bind: {selinux: z}}]
                    deploy: {resources: {limits: {cpus: 0.5, memory: 512m}}}
                  db:
                    image: postgres
                    networks: {back: {aliases: [database]}, front: null}
                networks: {back: {ipam: {config: [{subnet: 10.0.0.0/24}]}}, front: }
                volumes: {data: }
                secrets: {token: {file: ./token.txt}}
                configs: {conf: {content: "x=1"}}
                """));
    }

    @Test
    void interpolationReferencesPassWhereNumbersAndBooleansAreExpected() {
        assertEquals(List.of(), check("""
                services:
                  web:
                    image: ${IMAGE:-nginx}
                    tty: ${TTY}
                    scale: ${SCALE}
                    cpus: $CPUS
                    ports: ["${PORT}:80"]
                    ulimits: {nofile: {soft: "${SOFT}", hard: 2048}}
                """));
    }

    @Test
    void wrongScalarTypePointsAtTheValue() {
        Problem p = only("""
                services:
                  foo:
                    image: 123
                """);
        assertEquals(new Location("compose.yaml", 3, 12), p.location());
        assertEquals("services.foo.image", p.path());
        assertEquals("123", p.value());
        assertEquals("services.foo.image must be a string, not an integer", p.message());
        assertEquals("Compose schema: type", p.rule());
        assertEquals("quote the value to make it a string", p.hint());
    }

    @Test
    void unknownAttributePointsAtTheKeyAndSuggestsTheClosestOne() {
        Problem p = only("""
                services:
                  web:
                    image: nginx
                    enviroment:
                      A: b
                """);
        assertEquals(new Location("compose.yaml", 4, 5), p.location());
        assertEquals("services.web.enviroment", p.path());
        assertEquals("additional property 'enviroment' is not allowed in services.web", p.message());
        assertEquals("did you mean 'environment'?", p.hint());
    }

    @Test
    void unknownAttributeWithNothingCloseSaysHowToFixIt() {
        Problem p = only("""
                services:
                  foo:
                    image: busybox
                    deploy:
                      resources:
                        impossible:
                          x: 1
                """);
        assertEquals(new Location("compose.yaml", 6, 9), p.location());
        assertEquals("services.foo.deploy.resources.impossible", p.path());
        assertEquals("additional property 'impossible' is not allowed in services.foo.deploy.resources", p.message());
        assertTrue(p.hint().contains("x-"), p.hint());
    }

    @Test
    void alternativeFormsReportTheBranchThatFitsTheValue() {
        Problem p = only("""
                services:
                  app:
                    build:
                      context: .
                      platform: linux/amd64
                """);
        assertEquals("services.app.build.platform", p.path());
        assertEquals(new Location("compose.yaml", 5, 7), p.location());
        assertEquals("did you mean 'platforms'?", p.hint());
    }

    @Test
    void noFittingAlternativeGivesOneProblemListingTheAcceptedKinds() {
        Problem p = only("""
                services:
                  foo:
                    image: x
                    environment: 3
                """);
        assertEquals("services.foo.environment", p.path());
        assertEquals(new Location("compose.yaml", 4, 18), p.location());
        assertEquals("services.foo.environment must be a mapping or a list, not an integer", p.message());
    }

    @Test
    void listItemsAreAddressedByIndex() {
        Problem p = only("""
                services:
                  front:
                    image: x
                    develop:
                      watch:
                        - path: ./src
                          action: sync
                        - path: ./web
                """);
        assertEquals("services.front.develop.watch[1]", p.path());
        assertEquals(new Location("compose.yaml", 8, 11), p.location());
        assertEquals("services.front.develop.watch[1] is missing required property 'action'", p.message());
        assertEquals("add 'action'", p.hint());
    }

    @Test
    void topLevelMustBeAMapping() {
        Problem p = only("- a\n- b\n");
        assertEquals("", p.path());
        assertEquals("top-level object must be a mapping, not a list", p.message());
        assertEquals(new Location("compose.yaml", 1, 1), p.location());
    }

    @Test
    void nullWhereAMappingIsNeeded() {
        Problem p = only("""
                services:
                  foo:
                    image: x
                    build: !reset
                """);
        assertEquals("services.foo.build", p.path());
        assertEquals("services.foo.build must be a string or a mapping, not null", p.message());
    }

    @Test
    void invalidServiceName() {
        Problem p = only("""
                services:
                  "web app":
                    image: x
                """);
        assertEquals(new Location("compose.yaml", 2, 3), p.location());
        assertEquals("services.web app", p.path());
        assertEquals("services: invalid name 'web app'", p.message());
    }

    @Test
    void enumAndRangeViolations() {
        List<Problem> problems = check("""
                services:
                  foo:
                    image: x
                    oom_score_adj: 5000
                    depends_on:
                      db: {condition: started}
                """);
        assertEquals(2, problems.size(), problems::toString);
        assertEquals("services.foo.oom_score_adj is out of range (at least -1000, at most 1000)", problems.get(0).message());
        assertEquals(new Location("compose.yaml", 4, 20), problems.get(0).location());
        assertEquals("services.foo.depends_on.db.condition", problems.get(1).path());
        assertEquals("services.foo.depends_on.db.condition must be one of 'service_started', 'service_healthy',"
                + " 'service_completed_successfully'", problems.get(1).message());
    }

    @Test
    void problemsComeInFileOrderAndAllAreReported() {
        List<Problem> problems = check("""
                services:
                  a:
                    image: 1
                    tty: 7
                  b:
                    image: 2
                """);
        assertEquals(List.of("services.a.image", "services.a.tty", "services.b.image"),
                problems.stream().map(Problem::path).toList());
    }

    @Test
    void configSourcesAreMutuallyExclusive() {
        Problem p = only("""
                configs:
                  app:
                    file: ./app.conf
                    content: "x=1"
                """);
        assertEquals("configs.app: 'file' and 'content' are mutually exclusive", p.message());
        assertEquals(new Location("compose.yaml", 4, 5), p.location());
    }

    @Test
    void extensionsAreAllowedInsideNestedObjects() {
        assertEquals(List.of(), check("""
                x-top: 1
                services:
                  web:
                    image: x
                    x-svc: 1
                    extends: {service: base, x-why: reuse}
                    deploy: {placement: {x-aws-role: arn}}
                networks: {n: {x-net: 1}}
                """));
    }

    @Test
    void duplicateListItemsPointAtTheRepetition() {
        Problem p = only("""
                services:
                  web:
                    image: x
                    cap_add:
                      - NET_ADMIN
                      - SYS_TIME
                      - NET_ADMIN
                """);
        assertEquals("services.web.cap_add[2]", p.path());
        assertEquals(new Location("compose.yaml", 7, 9), p.location());
        assertEquals("services.web.cap_add lists \"NET_ADMIN\" twice (items 0 and 2)", p.message());
    }

    @Test
    void misspeltTopLevelKey() {
        Problem p = only("service:\n  web:\n    image: x\n");
        assertEquals("service", p.path());
        assertEquals(new Location("compose.yaml", 1, 1), p.location());
        assertEquals("additional property 'service' is not allowed in the top level", p.message());
        assertEquals("did you mean 'services'?", p.hint());
    }

    @Test
    void aValueOfTheWrongKindIsReportedOnceByItsKind() {
        List<Problem> problems = check("""
                services:
                  web:
                    image: x
                    cgroup: 3
                    gpus: 2
                """);
        assertEquals(List.of("services.web.cgroup must be a string, not an integer",
                        "services.web.gpus must be a string or a list, not an integer"),
                problems.stream().map(Problem::message).toList());
    }
}
