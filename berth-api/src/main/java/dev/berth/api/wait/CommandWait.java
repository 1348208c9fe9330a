package dev.berth.api.wait;

import dev.berth.runtime.ExecResult;
import java.util.List;

/** Ready when a command run in the service's first replica exits with 0. */
final class CommandWait implements WaitStrategy {
    private final List<String> command;

    CommandWait(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the wait command must not be empty");
        }
        this.command = List.copyOf(command);
    }

    @Override
    public Readiness check(WaitTarget target) {
        ExecResult result = target.exec(command);
        if (result.exitCode() == 0) {
            return Readiness.ready();
        }
        String output = (result.stdout() + result.stderr()).strip();
        return Readiness.pending("`" + String.join(" ", command) + "` exited with " + result.exitCode()
                + (output.isEmpty() ? "" : ": " + output));
    }

    @Override
    public String describe() {
        return "command `" + String.join(" ", command) + "` exits 0";
    }
}
