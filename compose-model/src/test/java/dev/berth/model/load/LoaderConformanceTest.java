package dev.berth.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.model.merge.ComposeMerger;
import dev.berth.model.output.ProjectWriter;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.testing.ConformanceCorpus;
import dev.berth.model.tree.MapNode;
import dev.berth.model.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The whole loader against the conformance corpus: the {@code expect_load} verdicts of the reference loader,
 * {@code berth config} on every real-world case with a stable round trip, and errors that name file and line.
 */
class LoaderConformanceTest {

    /**
     * Cases where Berth's verdict differs from compose-go's on purpose, with the reason. The test fails when a
     * case disagrees without being listed here, and when a listed case no longer disagrees.
     */
    private static final Map<String, String> DOCUMENTED_DIVERGENCES = Map.of(
            "cg-TestLoadProjectName-no-name", "compose-go's loader test runs without a working directory; a CLI always has "
                    + "one, and Compose (like Berth) then names the project after its base name",
            "cg-TestLoadProjectName-from-env", "as above: the project directory's base name gives the name");

    /**
     * Real-world cases that the source project itself only loads with a flag, or that reference a file the
     * corpus does not ship (so docker compose fails on them too), with the reason.
     */
    private static final Map<String, String> REAL_WORLD_EXPECTED_FAILURES = Map.of(
            "rw-paperless-portainer", "env_file stack.env is written by Portainer at deploy time and is not in the corpus; "
                    + "docker-compose fails the same way (Couldn't find env file)");

    /** Real-world cases that docker/compose's own end-to-end test loads with `config --no-consistency`. */
    private static final Map<String, String> REAL_WORLD_WITHOUT_CONSISTENCY = Map.of(
            "dc-TestLocalComposeConfigNoConsistency", "the e2e test runs `docker compose config --no-consistency` on it");

    @Test
    void expectLoadVerdictsAgree() {
        Optional<Path> root = ConformanceCorpus.root();
        assumeTrue(root.isPresent(), "conformance corpus not found beside the repository");
        int compared = 0;
        int agreed = 0;
        Map<String, String> undocumented = new TreeMap<>();
        List<String> staleDivergences = new ArrayList<>();
        for (Corpus.Case c : Corpus.cases(root.get())) {
            if (c.expectLoad() == null) {
                continue;
            }
            compared++;
            String outcome = outcome(c);
            boolean ok = outcome == null;
            boolean agrees = ok == c.expectLoad().equals("ok");
            if (agrees) {
                agreed++;
                if (DOCUMENTED_DIVERGENCES.containsKey(c.id())) {
                    staleDivergences.add(c.id());
                }
            } else if (!DOCUMENTED_DIVERGENCES.containsKey(c.id())) {
                undocumented.put(c.id(), "expected " + c.expectLoad() + (c.expectedError() == null ? "" : " (" + c.expectedError() + ")")
                        + ", got " + (ok ? "ok" : outcome));
            }
        }
        double agreement = 100.0 * agreed / compared;
        System.out.printf("expect_load agreement: %d of %d cases (%.1f %%)%n", agreed, compared, agreement);
        undocumented.forEach((id, why) -> System.out.println("  undocumented disagreement " + id + ": " + why));
        assertTrue(undocumented.isEmpty(), "undocumented disagreements: " + undocumented.keySet());
        assertTrue(staleDivergences.isEmpty(), "documented divergences that now agree: " + staleDivergences);
        assertTrue(agreement >= 95.0, "agreement below 95 %: " + agreement);
    }

    @Test
    void configOnEveryRealWorldCaseSucceedsAndRoundTrips(@org.junit.jupiter.api.io.TempDir Path temp) throws IOException {
        Optional<Path> root = ConformanceCorpus.root();
        assumeTrue(root.isPresent(), "conformance corpus not found beside the repository");
        Map<String, String> failures = new TreeMap<>();
        int checked = 0;
        for (Corpus.Case c : Corpus.cases(root.get())) {
            if (!c.realWorld() || "error".equals(c.expectLoad())) {
                continue;
            }
            checked++;
            LoadOptions options = REAL_WORLD_WITHOUT_CONSISTENCY.containsKey(c.id())
                    ? c.loadOptions().withPhases(true, true, true, false) : c.loadOptions();
            try {
                LoadedProject first = ProjectLoader.load(options);
                String yaml = ProjectWriter.yaml(first.project());
                Path again = temp.resolve(c.id() + ".yaml");
                Files.writeString(again, yaml);
                LoadOptions reload = options.withFiles(List.of(again.toString()))
                        .withProjectDirectory(Optional.of(c.dir()))
                        .withProjectName(Optional.of(first.project().name()));
                String second = ProjectWriter.yaml(ProjectLoader.load(reload).project());
                if (!yaml.equals(second)) {
                    failures.put(c.id(), "output loaded again differs:\n" + firstDifference(yaml, second));
                }
            } catch (ComposeException e) {
                failures.put(c.id(), e.getMessage());
            }
        }
        System.out.printf("berth config on %d real-world cases: %d failed (%d of them documented)%n", checked,
                failures.size(), REAL_WORLD_EXPECTED_FAILURES.size());
        failures.forEach((id, why) -> System.out.println("  " + id + ": " + why));
        assertEquals(REAL_WORLD_EXPECTED_FAILURES.keySet(), failures.keySet());
    }

    @Test
    void everyRejectedCaseNamesFileAndLine() {
        Optional<Path> root = ConformanceCorpus.root();
        assumeTrue(root.isPresent(), "conformance corpus not found beside the repository");
        Map<String, String> unlocated = new TreeMap<>();
        for (Corpus.Case c : Corpus.cases(root.get())) {
            try {
                ProjectLoader.load(c.loadOptions());
            } catch (ComposeException e) {
                for (Problem p : e.problems()) {
                    boolean fromEnvironmentOrFlag = p.path().startsWith("COMPOSE_") || p.path().startsWith("-");
                    if (!fromEnvironmentOrFlag && (p.location().file().isEmpty() || !p.location().isKnown())) {
                        unlocated.put(c.id(), p.render());
                    }
                }
            }
        }
        unlocated.forEach((id, why) -> System.out.println("  without file:line " + id + ": " + why));
        assertEquals(Map.of(), unlocated);
    }

    private static String outcome(Corpus.Case c) {
        try {
            if (c.mergeOnly()) {
                List<MapNode> files = new ArrayList<>();
                for (String f : c.files()) {
                    files.add((MapNode) YamlReader.read(f, Files.readString(c.dir().resolve(f))));
                }
                ComposeMerger.mergeAll(files);
                return null;
            }
            ProjectLoader.load(c.loadOptions());
            return null;
        } catch (ComposeException e) {
            return e.problems().get(0).render();
        } catch (RuntimeException | IOException e) {
            return "internal error " + e;
        }
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n");
        String[] y = b.split("\n");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                return "line " + (i + 1) + ": '" + x[i] + "' vs '" + y[i] + "'";
            }
        }
        return "lengths " + x.length + " vs " + y.length;
    }
}
