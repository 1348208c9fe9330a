package dev.berth.cli.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.plan.PlanStep;
import java.io.PrintWriter;

/**
 * One JSON object per event and line: {@code {"event":"succeeded","step":1,"operation":...,"target":...}}; build
 * progress as {@code {"event":"build",...,"kind":"step|cached|output|warning|image","text":...}}; pull and push
 * progress as {@code {"event":"pull"|"push",...,"id":<layer or digest>,"status":"downloading|...","current":n,
 * "total":n}}, every update.
 */
final class JsonRenderer implements ProgressRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PrintWriter out;

    JsonRenderer(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(EngineEvent event) {
        ObjectNode json = MAPPER.createObjectNode();
        if (event instanceof EngineEvent.StepStarted s) {
            step(json, "started", s.step());
        } else if (event instanceof EngineEvent.StepSucceeded s) {
            step(json, "succeeded", s.step()).put("elapsed_ms", s.elapsed().toMillis());
        } else if (event instanceof EngineEvent.StepWarning w) {
            step(json, "warning", w.step()).put("message", w.message());
        } else if (event instanceof EngineEvent.StepFailed f) {
            step(json, "failed", f.step()).put("message", f.message());
        } else if (event instanceof EngineEvent.StepCancelled c) {
            step(json, "cancelled", c.step()).put("message", c.reason());
        } else if (event instanceof EngineEvent.BuildProgress b) {
            step(json, "build", b.step()).put("kind", b.event().kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("build_step", b.event().step()).put("build_steps", b.event().steps())
                    .put("text", b.event().text());
        } else if (event instanceof EngineEvent.PullProgress p) {
            step(json, "pull", p.step()).put("id", p.event().id()).put("status", status(p.event().status()))
                    .put("current", p.event().current()).put("total", p.event().total());
        } else if (event instanceof EngineEvent.PushProgress p) {
            step(json, "push", p.step()).put("id", p.event().id()).put("status", status(p.event().status()))
                    .put("current", p.event().current()).put("total", p.event().total());
        } else if (event instanceof EngineEvent.ExecutionFinished f) {
            json.put("event", "finished").put("succeeded", f.succeeded()).put("failed", f.failed())
                    .put("cancelled", f.cancelled()).put("interrupted", f.interrupted());
        }
        out.println(json);
        out.flush();
    }

    private static String status(Enum<?> status) {
        return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static ObjectNode step(ObjectNode json, String kind, PlanStep step) {
        return json.put("event", kind).put("step", step.id()).put("operation", step.operation().kind())
                .put("target", step.operation().target()).put("cause", step.cause());
    }
}
