package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.daemon.backing.ContainerViews;
import dev.berth.daemon.backing.CreateRequestTranslator;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.Filters;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.backing.StatsView;
import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.ContainerStats;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.ProcessList;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Container create, list, inspect, lifecycle, rename and remove. */
final class ContainersHandler {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration DEFAULT_STOP = Duration.ofSeconds(10);

    private final EngineBacking backing;

    ContainersHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("POST", "/containers/create", this::create)
                .on("GET", "/containers/json", this::list)
                .on("GET", "/containers/{}/json", this::inspect)
                .on("POST", "/containers/{}/start", this::start)
                .on("POST", "/containers/{}/stop", this::stop)
                .on("POST", "/containers/{}/restart", this::restart)
                .on("POST", "/containers/{}/kill", this::kill)
                .on("POST", "/containers/{}/pause", c -> lifecycle(c, "pause", id -> backing.runtime().pause(id)))
                .on("POST", "/containers/{}/unpause", c -> lifecycle(c, "unpause",
                        id -> backing.runtime().unpause(id)))
                .on("POST", "/containers/{}/rename", this::rename)
                .on("POST", "/containers/{}/resize", this::resize)
                .on("GET", "/containers/{}/top", this::top)
                .on("GET", "/containers/{}/stats", this::stats)
                .on("DELETE", "/containers/{}", this::remove);
    }

    private void create(ApiCall call) throws IOException {
        String name = call.param("name").filter(n -> !n.isEmpty()).map(n -> n.startsWith("/") ? n.substring(1) : n)
                .orElseGet(ContainersHandler::generatedName);
        JsonNode body = call.body();
        ContainerSpec spec = CreateRequestTranslator.translate(name, body);
        ContainerId id = backing.runtime().create(spec);
        if (body.path("HostConfig").path("AutoRemove").asBoolean(false)) {
            backing.autoRemover().mark(id);
        }
        backing.publish().container("create", id.value(), Map.of());
        call.json(201, Json.object().put("Id", id.value()).set("Warnings", Json.MAPPER.createArrayNode()));
    }

    /** {@code ?h=&w=}: the size of the container's terminal. */
    private void resize(ApiCall call) throws IOException {
        ContainerId id = backing.runtime().inspect(ContainerId.of(call.path(0))).id();
        TerminalSize size = TerminalSize.fromQuery(call);
        try {
            backing.engine().resize(id.value(), size.rows(), size.cols());
        } catch (dev.berth.embedded.EngineException.Conflict e) {
            throw ApiException.conflict(e.getMessage());
        }
        call.json(200, Json.object());
    }

    private static String generatedName() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "berth_" + HexFormat.of().formatHex(bytes);
    }

    private void list(ApiCall call) throws IOException {
        Filters filters = Filters.parse(call.param("filters"));
        boolean all = call.flag("all");
        LabelSelector selector = filters.labels();
        Map<String, String> networkIds = backing.networkIds();
        Instant now = Instant.now();
        ArrayNode out = Json.MAPPER.createArrayNode();
        List<ContainerSummary> summaries = backing.runtime().list(selector);
        for (ContainerSummary s : summaries) {
            ContainerInfo info;
            try {
                info = backing.engine().inspect(s.id().value());
            } catch (RuntimeException gone) {
                continue;
            }
            String status = ContainerViews.status(info.state());
            boolean shown = (all || info.state().isRunning() || !filters.get("status").isEmpty())
                    && filters.anyOrNone("status", status::equals)
                    && filters.anyOrNone("name", n -> info.name().contains(n.startsWith("/") ? n.substring(1) : n))
                    && filters.anyOrNone("id", info.id()::startsWith);
            if (shown) {
                out.add(ContainerViews.listEntry(info, s, backing.imageDefaults(info.imageId()), networkIds, now));
            }
        }
        call.json(200, out);
    }

    private void inspect(ApiCall call) throws IOException {
        ContainerSummary summary = backing.runtime().inspect(ContainerId.of(call.path(0)));
        ContainerInfo info = backing.engine().inspect(summary.id().value());
        var view = ContainerViews.inspect(info, summary, backing.imageDefaults(info.imageId()), backing.networkIds());
        ((com.fasterxml.jackson.databind.node.ObjectNode) view.get("HostConfig"))
                .put("AutoRemove", backing.autoRemover().isMarked(info.id()));
        call.json(200, view);
    }

    private void start(ApiCall call) throws IOException {
        ContainerSummary s = backing.runtime().inspect(ContainerId.of(call.path(0)));
        if (s.state().status().isActive()) {
            call.notModified();
            return;
        }
        backing.runtime().start(s.id());
        backing.publish().container("start", s.id().value(), Map.of());
        call.noContent();
    }

    private void stop(ApiCall call) throws IOException {
        ContainerSummary s = backing.runtime().inspect(ContainerId.of(call.path(0)));
        if (!s.state().status().isActive()) {
            call.notModified();
            return;
        }
        backing.runtime().stop(s.id(), timeout(call));
        backing.publish().container("stop", s.id().value(), Map.of());
        call.noContent();
    }

    private void restart(ApiCall call) throws IOException {
        ContainerId id = ContainerId.of(call.path(0));
        backing.runtime().restart(id, timeout(call));
        ContainerId full = backing.runtime().inspect(id).id();
        backing.publish().container("restart", full.value(), Map.of());
        call.noContent();
    }

    private static Duration timeout(ApiCall call) {
        Optional<String> t = call.param("t").or(() -> call.param("timeout"));
        if (t.isEmpty() || t.get().isEmpty()) {
            return DEFAULT_STOP;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(t.get())));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("t: '" + t.get() + "' is not a number of seconds");
        }
    }

    private void kill(ApiCall call) throws IOException {
        String signal = call.param("signal").filter(s -> !s.isEmpty()).orElse("SIGKILL");
        String full = signal.matches("\\d+") || signal.startsWith("SIG") ? signal : "SIG" + signal;
        backing.runtime().kill(ContainerId.of(call.path(0)), full);
        backing.publish().container("kill", call.path(0), Map.of("signal", full));
        call.noContent();
    }

    private void rename(ApiCall call) throws IOException {
        String name = call.param("name").filter(n -> !n.isEmpty())
                .orElseThrow(() -> ApiException.badRequest("name: the new name is missing"));
        ContainerInfo before = backing.engine().inspect(backing.runtime().inspect(ContainerId.of(call.path(0))).id()
                .value());
        backing.runtime().rename(ContainerId.of(before.id()), name.startsWith("/") ? name.substring(1) : name);
        backing.publish().container("rename", before.id(), Map.of("oldName", "/" + before.name()));
        call.noContent();
    }

    /** Docker's {@code ps -ef} columns; {@code ps_args} is not supported (the runtime lists a fixed set). */
    private void top(ApiCall call) throws IOException {
        ContainerId id = backing.runtime().inspect(ContainerId.of(call.path(0))).id();
        ProcessList list;
        try {
            list = backing.runtime().top(id);
        } catch (InvalidStateException e) {
            throw ApiException.conflict("container " + id.value() + " is not running");
        }
        var out = Json.object();
        out.set("Titles", Json.MAPPER.valueToTree(list.titles()));
        out.set("Processes", Json.MAPPER.valueToTree(list.processes()));
        call.json(200, out);
    }

    /** One sample with {@code stream=false}, else a sample per second until the container stops or the client goes. */
    private void stats(ApiCall call) throws IOException {
        ContainerInfo info = backing.engine().inspect(backing.runtime().inspect(ContainerId.of(call.path(0))).id()
                .value());
        boolean stream = call.request().flag("stream", true) && !call.flag("one-shot");
        ContainerStats previous = null;
        Instant previousAt = null;
        if (!stream) {
            Instant at = Instant.now();
            call.json(200, StatsView.sample(info.id(), info.name(), backing.engine().stats(info.id()), null, at, null));
            return;
        }
        try (java.io.OutputStream out = call.exchange().stream(200, "application/json")) {
            while (backing.engine().inspect(info.id()).state().isRunning()) {
                Instant at = Instant.now();
                ContainerStats now = backing.engine().stats(info.id());
                out.write(Json.MAPPER.writeValueAsBytes(StatsView.sample(info.id(), info.name(), now, previous, at,
                        previousAt)));
                out.write('\n');
                previous = now;
                previousAt = at;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } catch (RuntimeException stoppedMeanwhile) {
            // the container stopped or went away between samples: the stream ends
        }
    }

    private void remove(ApiCall call) throws IOException {
        ContainerInfo before = backing.engine().inspect(backing.runtime().inspect(ContainerId.of(call.path(0))).id()
                .value());
        backing.runtime().remove(ContainerId.of(before.id()), call.flag("force"), call.flag("v"));
        backing.publish().container("destroy", before, Map.of());
        call.noContent();
    }

    private interface ContainerAction {
        void run(ContainerId id);
    }

    private void lifecycle(ApiCall call, String event, ContainerAction action) throws IOException {
        action.run(ContainerId.of(call.path(0)));
        backing.publish().container(event, call.path(0), Map.of());
        call.noContent();
    }
}
