package dev.berth.daemon.api;

import dev.berth.daemon.backing.EngineBacking;
import java.util.function.Consumer;

/** The Engine API subset the daemon serves, as one router over the engine. */
public final class EngineApi {
    private EngineApi() {
    }

    public static Router router(EngineBacking backing, String engineVersion, Consumer<String> problems) {
        Router router = new Router(problems);
        new SystemHandler(backing, engineVersion).register(router);
        new DiskUsageHandler(backing).register(router);
        new ContainersHandler(backing).register(router);
        new ContainerStreamsHandler(backing).register(router);
        new ExecHandler(backing).register(router);
        new ArchiveHandler(backing).register(router);
        new ImagesHandler(backing).register(router);
        new ImageTransfersHandler(backing).register(router);
        new AuthHandler(backing).register(router);
        new BuildHandler(backing).register(router);
        new NetworksHandler(backing).register(router);
        new VolumesHandler(backing).register(router);
        new EventsHandler(backing).register(router);
        new PruneHandler(backing).register(router);
        new BuildPruneHandler(backing).register(router);
        return router;
    }
}
