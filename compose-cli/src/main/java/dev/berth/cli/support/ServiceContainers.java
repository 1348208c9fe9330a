package dev.berth.cli.support;

import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.LabelSelector;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The containers of a project's services, found by their Compose labels, ordered by service then number. */
public final class ServiceContainers {
    public static final String PROJECT = "com.docker.compose.project";
    public static final String SERVICE = "com.docker.compose.service";
    public static final String NUMBER = "com.docker.compose.container-number";
    public static final String ONEOFF = "com.docker.compose.oneoff";

    private ServiceContainers() {
    }

    /** Containers of {@code services} (all when empty); one-off ({@code run}) containers only with {@code oneOff}. */
    public static List<ContainerSummary> of(Session session, Set<String> services, boolean oneOff) {
        return session.runtime().list(LabelSelector.of(PROJECT, session.projectName())).stream()
                .filter(c -> services.isEmpty() || services.contains(c.labels().get(SERVICE)))
                .filter(c -> oneOff || !"True".equals(c.labels().get(ONEOFF)))
                .sorted(Comparator.comparing((ContainerSummary c) -> c.labels().getOrDefault(SERVICE, ""))
                        .thenComparingInt(c -> number(c)).thenComparing(ContainerSummary::name))
                .toList();
    }

    public static int number(ContainerSummary c) {
        try {
            return Integer.parseInt(c.labels().getOrDefault(NUMBER, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
