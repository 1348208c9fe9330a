package dev.berth.cli;

import dev.berth.runtime.Availability;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.RuntimeProvider;
import dev.berth.runtime.fake.FakeRuntime;
import dev.berth.runtime.fake.FakeShell;
import java.time.Clock;

/**
 * The {@code fake} runtime for CLI tests: one in-memory runtime shared by every invocation until {@link #reset()},
 * so {@code up} then {@code ps} see the same containers. Found before runtime-tck's provider of the same name
 * because test classes come first on the class path.
 */
public final class SharedFakeRuntimeProvider implements RuntimeProvider {
    private static FakeRuntime runtime = fresh();

    static synchronized void reset() {
        runtime = fresh();
    }

    static synchronized FakeRuntime runtime() {
        return runtime;
    }

    private static FakeRuntime fresh() {
        FakeRuntime r = new FakeRuntime(Clock.systemUTC());
        r.addImage(ImageRef.of("busybox:latest"), new FakeShell());
        return r;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Availability probe() {
        return Availability.available("shared in-memory fake runtime for tests");
    }

    @Override
    public ContainerRuntime open() {
        return runtime();
    }
}
