package dev.berth.model.profile;

import static dev.berth.model.merge.TestTrees.plain;
import static dev.berth.model.merge.TestTrees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.testing.ConformanceCorpus;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ProfileFilterTest {

    private static final MapNode PROJECT = yaml("compose.yaml", """
            services:
              web:
                image: web
                depends_on:
                  db: {condition: service_started, required: true}
              db: {image: pg}
              debug: {image: dbg, profiles: [debug, dev]}
              tools: {image: tools, profiles: [tools]}
              mock:
                image: mock
                profiles: [test]
                depends_on:
                  tools: {condition: service_started, required: true}
            networks:
              n: {}
            """);

    private static List<String> names(MapNode project) {
        return List.copyOf(project.map("services").orElseThrow().entries().keySet());
    }

    @Test
    void servicesWithoutProfilesAreAlwaysEnabled() {
        MapNode result = ProfileFilter.apply(PROJECT, Set.of(), Set.of());
        assertEquals(List.of("web", "db"), names(result));
        assertEquals(plain(PROJECT.get("networks").orElseThrow()), plain(result.get("networks").orElseThrow()));
    }

    @Test
    void anActiveProfileEnablesItsServices() {
        assertEquals(List.of("web", "db", "debug"), names(ProfileFilter.apply(PROJECT, Set.of("dev"), Set.of())));
        assertEquals(List.of("web", "db", "debug", "tools", "mock"),
                names(ProfileFilter.apply(PROJECT, Set.of("*"), Set.of())));
    }

    @Test
    void aRequestedServiceIsEnabledWithItsProfiles() {
        assertEquals(List.of("web", "db", "tools"), names(ProfileFilter.apply(PROJECT, Set.of(), Set.of("tools"))));
    }

    @Test
    void aRequiredDependencyOnADisabledServiceIsAnError() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> ProfileFilter.apply(PROJECT, Set.of("test"), Set.of()));
        Problem problem = e.problems().get(0);
        assertEquals("service \"tools\" is required by \"mock\" but is disabled. Can be enabled by profiles [tools]",
                problem.message());
        assertEquals(new Location("compose.yaml", 13, 7), problem.location());
        assertEquals("services.mock.depends_on.tools", problem.path());
    }

    @Test
    void anOptionalDependencyOnADisabledServiceIsDroppedWithAWarning() {
        MapNode project = yaml("""
                services:
                  web:
                    image: web
                    depends_on:
                      db: {condition: service_started, required: false}
                      cache: {condition: service_started, required: true}
                  db: {image: pg, profiles: [db]}
                  cache: {image: redis}
                """);
        List<Problem> warnings = new ArrayList<>();
        MapNode result = ProfileFilter.apply(project, Set.of(), Set.of(), warnings::add);
        assertEquals(plain(yaml("""
                services:
                  web:
                    image: web
                    depends_on:
                      cache: {condition: service_started, required: true}
                  cache: {image: redis}
                """)), plain(result));
        assertEquals(1, warnings.size());
        assertEquals("services.web.depends_on.db", warnings.get(0).path());
    }

    @Test
    void shortDependsOnFormIsRequired() {
        MapNode project = yaml("services:\n  web: {depends_on: [db]}\n  db: {profiles: [a, b]}\n");
        ComposeException e = assertThrows(ComposeException.class,
                () -> ProfileFilter.apply(project, Set.of(), Set.of()));
        assertEquals("service \"db\" is required by \"web\" but is disabled. Can be enabled by profiles [a b]",
                e.problems().get(0).message());
    }

    @Test
    void unknownRequestedServicesAreReported() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> ProfileFilter.apply(PROJECT, Set.of(), Set.of("nope", "neither")));
        assertEquals(2, e.problems().size());
    }

    @Test
    void allProfilesAreListedSorted() {
        assertEquals(List.of("debug", "dev", "test", "tools"), ProfileFilter.allProfiles(PROJECT));
    }

    @Test
    void corpusTestProfiles() throws Exception {
        Optional<Path> corpus = ConformanceCorpus.root();
        Assumptions.assumeTrue(corpus.isPresent());
        Path file = corpus.get().resolve("cases/cg-TestProfiles/compose.yaml");
        Assumptions.assumeTrue(Files.exists(file));
        MapNode result = ProfileFilter.apply(yaml(Files.readString(file)), Set.of(), Set.of());
        assertEquals(List.of("bar"), names(result));
        assertEquals(List.of("foo", "bar"), names(ProfileFilter.apply(yaml(Files.readString(file)), Set.of("dev"),
                Set.of())));
    }
}
