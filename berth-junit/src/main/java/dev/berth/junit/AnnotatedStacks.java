package dev.berth.junit;

import dev.berth.api.BerthStack;
import dev.berth.api.Teardown;
import dev.berth.api.wait.WaitStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a {@link ComposeStack} annotation into the {@link BerthStack} it describes. */
final class AnnotatedStacks {

    private AnnotatedStacks() {
    }

    static BerthStack of(ComposeStack a, Class<?> testClass) {
        if (a.file().length == 0) {
            throw new IllegalArgumentException("@ComposeStack on " + testClass.getName() + " names no file — write"
                    + " @ComposeStack(file = \"src/test/resources/compose.yaml\")");
        }
        Path[] more = new Path[a.file().length - 1];
        for (int i = 1; i < a.file().length; i++) {
            more[i - 1] = Path.of(a.file()[i]);
        }
        BerthStack stack = BerthStack.fromFile(Path.of(a.file()[0]), more)
                .projectName(a.projectName().isEmpty() ? randomName(testClass) : a.projectName())
                .profiles(a.profiles())
                .startupTimeout(Duration.ofSeconds(a.startupTimeoutSeconds()))
                .teardown(Teardown.downWithVolumes().withKeepVolumes(a.keepVolumes())
                        .withKeepOnFailure(a.keepOnFailure()));
        if (!a.runtime().isEmpty()) {
            stack = stack.runtime(a.runtime());
        }
        for (WaitFor w : a.waitFor()) {
            stack = stack.waitFor(w.service(), strategy(w));
        }
        return stack;
    }

    /** Every condition of {@code w}, all of them required; running when it names none. */
    static WaitStrategy strategy(WaitFor w) {
        List<WaitStrategy> all = new ArrayList<>();
        if (w.healthy()) {
            all.add(WaitStrategy.healthy());
        }
        if (!w.log().isEmpty()) {
            all.add(WaitStrategy.logMessage(w.log()));
        }
        if (w.port() != 0) {
            all.add(WaitStrategy.port(w.port()));
        }
        if (!w.http().isEmpty()) {
            all.add(WaitStrategy.http(w.http()).forPort(w.httpPort()));
        }
        if (w.command().length > 0) {
            all.add(WaitStrategy.command(w.command()));
        }
        if (all.isEmpty()) {
            return WaitStrategy.running();
        }
        return all.size() == 1 ? all.get(0) : WaitStrategy.allOf(all.toArray(WaitStrategy[]::new));
    }

    /** {@code <test class in lower case, letters and digits only>-<8 hex>}: a valid, unique project name. */
    static String randomName(Class<?> testClass) {
        String prefix = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return BerthStack.randomProjectName(prefix.isEmpty() ? "berth" : prefix);
    }
}
