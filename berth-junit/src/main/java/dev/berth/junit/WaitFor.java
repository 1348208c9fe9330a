package dev.berth.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What to wait for on one service of a {@link ComposeStack}. Every condition given must hold (a healthcheck and a
 * log line, say); with none, the service's containers must be running.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface WaitFor {

    /** The service name in the compose file. */
    String service();

    /** Its compose healthcheck reports healthy. */
    boolean healthy() default false;

    /** A line of its output matches this regular expression. */
    String log() default "";

    /** A TCP connection to this container port (published, or on the host network) succeeds. */
    int port() default 0;

    /** A GET of this path answers 200, on {@link #httpPort()}. */
    String http() default "";

    /** The container port {@link #http()} asks. */
    int httpPort() default 80;

    /** This command, run in the service, exits with 0. */
    String[] command() default {};
}
