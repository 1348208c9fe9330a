package dev.berth.embedded.build;

/** A Dockerfile or build error located at a Dockerfile line (0 = no line), with what to do next. */
public class DockerfileException extends RuntimeException {
    private final int line;
    private final String problem;
    private final String hint;

    public DockerfileException(int line, String problem, String hint) {
        super("Dockerfile" + (line > 0 ? ":" + line : "") + ": " + problem + (hint == null || hint.isEmpty() ? "" : " (" + hint + ")"));
        this.line = line;
        this.problem = problem;
        this.hint = hint;
    }

    public DockerfileException(int line, String problem, String hint, Throwable cause) {
        this(line, problem, hint);
        initCause(cause);
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }

    public String hint() {
        return hint;
    }
}
