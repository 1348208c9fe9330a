package dev.berth.daemon.backing;

import dev.berth.embedded.ExecConfig;
import dev.berth.embedded.shim.ExecTerminal;
import dev.berth.runtime.io.DetachKeys;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Exec instances made by {@code POST /containers/{id}/exec}, until the daemon stops (Docker keeps them in memory too). */
public final class ExecSessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One exec: what to run where, whether on a terminal (then {@code terminal} resizes it, also before it runs,
     * and typing {@code detachKeys} detaches the client from it), and once it ran, its exit code.
     */
    public record Session(String id, String containerId, ExecConfig config, boolean tty, boolean attachStdin,
                          DetachKeys detachKeys, ExecTerminal terminal, boolean running, Optional<Integer> exitCode) {
        Session finished(int code) {
            return new Session(id, containerId, config, tty, attachStdin, detachKeys, terminal, false,
                    Optional.of(code));
        }

        Session started(boolean withTerminal) {
            return new Session(id, containerId, config, tty || withTerminal, attachStdin, detachKeys, terminal, true,
                    Optional.empty());
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public Session create(String containerId, ExecConfig config, boolean tty, boolean attachStdin,
                          DetachKeys detachKeys) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        Session s = new Session(HexFormat.of().formatHex(bytes), containerId, config, tty, attachStdin, detachKeys,
                new ExecTerminal(), false, Optional.empty());
        sessions.put(s.id(), s);
        return s;
    }

    public Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /**
     * Marks the session running; {@code withTerminal} (the start request's {@code Tty}) gives it a terminal even if
     * its creation did not ask for one.
     *
     * @throws IllegalStateException when it was started before (Docker refuses a second start with 409)
     */
    public Session start(String id, boolean withTerminal) {
        return sessions.compute(id, (k, s) -> {
            if (s == null) {
                throw new IllegalArgumentException("no such exec instance: " + id);
            }
            if (s.running() || s.exitCode().isPresent()) {
                throw new IllegalStateException("exec " + id + " has already been started");
            }
            return s.started(withTerminal);
        });
    }

    public void finish(String id, int exitCode) {
        sessions.computeIfPresent(id, (k, s) -> s.finished(exitCode));
    }
}
