package dev.berth.embedded.testing;

import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageConfig;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.ImageWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** A FROM-scratch image with Debian's static busybox and applet symlinks, built into a test store. */
public final class BusyboxImage {
    public static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final List<String> APPLETS = List.of("sh", "true", "false", "sleep", "cat", "echo", "id", "ls",
            "hostname", "grep", "tail", "head", "wc", "env", "pwd", "ps", "kill", "trap", "dd", "mkdir", "touch",
            "stat", "readlink", "test", "timeout", "yes", "seq", "whoami", "mount", "tr", "sed", "stty", "tty", "printf");

    /** Debian's busybox-static has no printenv applet; the runtime contract uses it. */
    private static final String PRINTENV = """
            #!/bin/sh
            test $# -eq 0 && exec env
            rc=0
            for name; do
              if eval "test \\"\\${$name+set}\\" = set"; then eval "echo \\"\\$$name\\""; else rc=1; fi
            done
            exit $rc
            """;

    private BusyboxImage() {
    }

    public static void assumeBusybox() {
        Assumptions.assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed");
    }

    public static Image build(ImageStore store, String tag, Path work) {
        assumeBusybox();
        try {
            TarBuilder tar = new TarBuilder().dir("bin", 0755).dir("etc", 0755).dir("tmp", 01777)
                    .dir("proc", 0555).dir("sys", 0555).dir("dev", 0755).dir("home", 0755).dir("home/app", 0750)
                    .file("bin/busybox", Files.readAllBytes(BUSYBOX), 0755, 0, 0)
                    .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:App:/home/app:/bin/sh\n", 0644)
                    .file("bin/printenv", PRINTENV.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0755, 0, 0)
                    .file("etc/group", "root:x:0:\napp:x:1000:\nextra:x:2000:app\n", 0644);
            for (String applet : APPLETS) {
                tar.symlink("bin/" + applet, "busybox");
            }
            Path layer = tar.writeTo(Files.createTempFile(work, "busybox", ".tar"));
            ImageConfig.Defaults defaults = new ImageConfig.Defaults(null, List.of("PATH=/bin", "IMAGE_VAR=from-image"),
                    null, List.of("sh"), "/", null, null, null, null);
            return new ImageWriter(store).commit(tag, defaults, List.of(layer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
