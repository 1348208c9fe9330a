package dev.berth.embedded.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** What a test that runs real containers needs from the machine; it is skipped, not failed, without it. */
public final class ContainerHost {

    private ContainerHost() {
    }

    /** Root, runc and Debian's static busybox (for the FROM-scratch test images). */
    public static void assumeContainersCanRun() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "containers need root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runc")) || Files.isExecutable(Path.of("/usr/bin/runc")),
                "runc is not installed");
        BusyboxImage.assumeBusybox();
    }
}
