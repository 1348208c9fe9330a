package dev.berth.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a Compose stack for the tests of the annotated class; test methods, constructors and lifecycle methods get
 * it as a {@link dev.berth.api.RunningStack} parameter.
 *
 * <pre>{@code
 * @ComposeStack(file = "src/test/resources/compose.yaml",
 *         waitFor = @WaitFor(service = "db", healthy = true))
 * class RepositoryTest {
 *     @Test
 *     void stores(RunningStack stack) { ... stack.service("db").port(5432) ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(BerthExtension.class)
public @interface ComposeStack {

    /** The compose files, relative to the working directory of the test run (the module directory in Maven). */
    String[] file();

    /** The project name; empty for a random one starting with the test class's name. */
    String projectName() default "";

    /** The runtime provider: {@code embedded}, {@code docker}; empty for the first usable one. */
    String runtime() default "";

    /** Profiles to enable. */
    String[] profiles() default {};

    WaitFor[] waitFor() default {};

    Lifecycle lifecycle() default Lifecycle.PER_CLASS;

    /** Leave the stack running when a test failed, for inspection ({@code berth -p NAME ps}). */
    boolean keepOnFailure() default false;

    /** Keep the named volumes when taking the stack down. */
    boolean keepVolumes() default false;

    /** How long starting and waiting may take together. */
    int startupTimeoutSeconds() default 120;
}
