package dev.berth.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.cli.invocation.Interrupts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forwarded signals: to the command's interception while it has one, else the request ends with 128 + signal. */
class RequestInterruptsTest {
    private final List<String> happened = new ArrayList<>();
    private final RequestInterrupts interrupts = new RequestInterrupts(signal -> happened.add("ended " + signal));

    @Test
    void withoutAnInterceptionASignalEndsTheRequest() {
        interrupts.deliver(2);
        interrupts.deliver(15);

        assertEquals(List.of("ended 2", "ended 15"), happened);
    }

    @Test
    void anInterceptionTakesEverySignalUntilClosed() {
        try (Interrupts.Interception ignored = interrupts.intercept(() -> happened.add("graceful stop"))) {
            interrupts.deliver(2);
            interrupts.deliver(1);
        }
        interrupts.deliver(2);

        assertEquals(List.of("graceful stop", "graceful stop", "ended 2"), happened);
    }
}
