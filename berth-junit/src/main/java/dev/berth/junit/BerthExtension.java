package dev.berth.junit;

import dev.berth.api.BerthStack;
import dev.berth.api.RunningStack;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a Compose stack before the tests (per class or per method), injects it as a {@link RunningStack}
 * parameter, and afterwards saves each service's log to {@code target/berth-logs/<test>/<service>.log} (the base
 * directory can be changed with the system property {@code berth.logs.dir}) and takes it down by its teardown
 * policy: when a test failed and the policy keeps failed stacks, the stack stays up and a report entry says how to
 * reach it.
 *
 * <p>Declared by {@link ComposeStack}, or registered on a {@code static} field:
 * <pre>{@code
 * @RegisterExtension
 * static BerthExtension stack = BerthExtension.of(BerthStack.fromFile(Path.of("compose.yaml"))
 *         .waitFor("web", WaitStrategy.logMessage("listening")));
 * }</pre>
 */
public final class BerthExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BerthExtension.class);
    private static final String STACK = "stack";
    private static final String FAILED = "failed";
    public static final String LOGS_DIR_PROPERTY = "berth.logs.dir";

    private final Optional<BerthStack> configured;
    private final Optional<Lifecycle> configuredLifecycle;

    /** For {@link ComposeStack}: the stack comes from the test class's annotation. */
    public BerthExtension() {
        this(Optional.empty(), Optional.empty());
    }

    private BerthExtension(Optional<BerthStack> stack, Optional<Lifecycle> lifecycle) {
        this.configured = stack;
        this.configuredLifecycle = lifecycle;
    }

    /** One stack for all tests of the class (register it on a static field). */
    public static BerthExtension of(BerthStack stack) {
        return new BerthExtension(Optional.of(stack), Optional.of(Lifecycle.PER_CLASS));
    }

    /** A new stack for each test method. */
    public BerthExtension perMethod() {
        return new BerthExtension(configured, Optional.of(Lifecycle.PER_METHOD));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (lifecycle(context) == Lifecycle.PER_CLASS) {
            start(context, context.getRequiredTestClass().getSimpleName());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (lifecycle(context) == Lifecycle.PER_METHOD) {
            start(context, context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod()
                    .getName());
        } else if (stackOf(context).isEmpty()) {
            throw new ExtensionConfigurationException("the per-class Berth stack of "
                    + context.getRequiredTestClass().getName() + " was not started: register BerthExtension.of(...)"
                    + " on a static field, or call .perMethod() for a stack per test");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        boolean failed = context.getExecutionException().isPresent();
        if (lifecycle(context) == Lifecycle.PER_METHOD) {
            stop(context, failed);
        } else if (failed) {
            classContext(context).getStore(NAMESPACE).put(FAILED, true);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (lifecycle(context) == Lifecycle.PER_CLASS) {
            boolean failed = context.getExecutionException().isPresent()
                    || Boolean.TRUE.equals(context.getStore(NAMESPACE).get(FAILED, Boolean.class));
            stop(context, failed);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stackOf(context).orElseThrow(() -> new ParameterResolutionException("no Berth stack is running for "
                + context.getDisplayName() + " (a per-method stack is not there yet in constructors and @BeforeAll"
                + " methods)"));
    }

    private void start(ExtensionContext context, String testName) throws InterruptedException {
        BerthStack stack = stack(context).failureLogDirectory(logDirectory(testName))
                .warnings(warning -> context.publishReportEntry("berth", warning));
        RunningStack running = stack.start();
        context.getStore(NAMESPACE).put(STACK, new Started(running, testName));
    }

    private void stop(ExtensionContext context, boolean failed) throws InterruptedException {
        Started started = context.getStore(NAMESPACE).remove(STACK, Started.class);
        if (started == null) {
            return;
        }
        RunningStack stack = started.stack();
        try {
            stack.saveLogs(logDirectory(started.testName()));
        } finally {
            if (!stack.close(failed)) {
                context.publishReportEntry("berth", "kept project " + stack.projectName() + " after the failure:"
                        + " inspect it with `berth -p " + stack.projectName() + " ps`, remove it with `berth -p "
                        + stack.projectName() + " down -v`");
            }
        }
    }

    /** The stack of this test: the method's own, else the class's. */
    private static Optional<RunningStack> stackOf(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Started s = c.get().getStore(NAMESPACE).get(STACK, Started.class);
            if (s != null) {
                return Optional.of(s.stack());
            }
        }
        return Optional.empty();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private BerthStack stack(ExtensionContext context) {
        return configured.orElseGet(() -> AnnotatedStacks.of(annotation(context), context.getRequiredTestClass()));
    }

    private Lifecycle lifecycle(ExtensionContext context) {
        return configuredLifecycle.orElseGet(() -> annotation(context).lifecycle());
    }

    private static ComposeStack annotation(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        ComposeStack a = type.getAnnotation(ComposeStack.class);
        if (a == null) {
            throw new ExtensionConfigurationException(type.getName() + " uses BerthExtension without @ComposeStack"
                    + " — annotate it, or register BerthExtension.of(BerthStack...) on a static field");
        }
        return a;
    }

    private static Path logDirectory(String testName) {
        return Path.of(System.getProperty(LOGS_DIR_PROPERTY, "target/berth-logs")).resolve(testName);
    }

    /** A started stack and the name its logs are filed under. */
    private record Started(RunningStack stack, String testName) {
    }
}
