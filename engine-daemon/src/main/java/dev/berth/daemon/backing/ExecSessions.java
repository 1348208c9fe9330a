package dev.berth.daemon.backing;

import dev.berth.embedded.ExecConfig;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Exec instances made by {@code POST /containers/{id}/exec}, until the daemon stops (Docker keeps them in memory too). */
public final class ExecSessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One exec: what to run where, and once it ran, its exit code. */
    public record Session(String id, String containerId, ExecConfig config, boolean tty, boolean running,
                          Optional<Integer> exitCode) {
        Session finished(int code) {
            return new Session(id, containerId, config, tty, false, Optional.of(code));
        }

        Session started() {
            return new Session(id, containerId, config, tty, true, Optional.empty());
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public Session create(String containerId, ExecConfig config, boolean tty) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        Session s = new Session(HexFormat.of().formatHex(bytes), containerId, config, tty, false, Optional.empty());
        sessions.put(s.id(), s);
        return s;
    }

    public Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /**
     * Marks the session running.
     *
     * @throws IllegalStateException when it was started before (Docker refuses a second start with 409)
     */
    public Session start(String id) {
        return sessions.compute(id, (k, s) -> {
            if (s == null) {
                throw new IllegalArgumentException("no such exec instance: " + id);
            }
            if (s.running() || s.exitCode().isPresent()) {
                throw new IllegalStateException("exec " + id + " has already been started");
            }
            return s.started();
        });
    }

    public void finish(String id, int exitCode) {
        sessions.computeIfPresent(id, (k, s) -> s.finished(exitCode));
    }
}
