package dev.berth.engine.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Docker's destination rules, one case each. */
class LandingTest {
    private static final CopySource FILE = new CopySource("a.txt", "a.txt", false, false);
    private static final CopySource DIR = new CopySource("site", "site", true, false);
    private static final CopySource DIR_CONTENTS = new CopySource("site", "site", true, true);

    @Test
    void ontoAnExistingDirectoryTheSourceLandsInside() {
        Landing l = Landing.of(FILE, new CopyDestination("/srv", true, true));
        assertEquals("/srv", l.directory());
        assertEquals(Optional.of("a.txt"), l.naming().apply("a.txt"));
        Landing d = Landing.of(DIR, new CopyDestination("/srv/", true, true));
        assertEquals(Optional.of("site/x"), d.naming().apply("site/x"));
    }

    @Test
    void dotCopiesOnlyTheContents() {
        Landing l = Landing.of(DIR_CONTENTS, new CopyDestination("/srv", true, true));
        assertEquals(Optional.empty(), l.naming().apply("site"));
        assertEquals(Optional.of("css/main.css"), l.naming().apply("site/css/main.css"));
        Landing missing = Landing.of(DIR_CONTENTS, new CopyDestination("/srv/new", false, false));
        assertEquals("/srv", missing.directory());
        assertEquals(Optional.of("new/index.html"), missing.naming().apply("site/index.html"));
    }

    @Test
    void ontoAMissingPathTheSourceTakesItsName() {
        Landing l = Landing.of(FILE, new CopyDestination("/srv/b.txt", false, false));
        assertEquals("/srv", l.directory());
        assertEquals(Optional.of("b.txt"), l.naming().apply("a.txt"));
        Landing root = Landing.of(FILE, new CopyDestination("/b.txt", false, false));
        assertEquals("/", root.directory());
    }

    @Test
    void aFileReplacesAFileAndADirectoryCannot() {
        Landing l = Landing.of(FILE, new CopyDestination("/etc/hostname", true, false));
        assertEquals("/etc", l.directory());
        assertEquals(Optional.of("hostname"), l.naming().apply("a.txt"));
        assertThrows(CopyException.class, () -> Landing.of(DIR, new CopyDestination("/etc/hostname", true, false)));
    }

    @Test
    void aFileCannotCreateADirectoryAssertedByASlash() {
        assertThrows(CopyException.class, () -> Landing.of(FILE, new CopyDestination("/srv/new/", false, false)));
    }

    @Test
    void theRootOfAContainerRenamesEveryEntry() {
        Landing l = Landing.of(new CopySource(".", ".", true, false), new CopyDestination("/tmp/rootfs", false, false));
        assertEquals(Optional.of("rootfs/etc/hostname"), l.naming().apply("./etc/hostname"));
    }
}
