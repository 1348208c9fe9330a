package dev.berth.embedded.build;

/** A Dockerfile or build error located at a Dockerfile line (0 = no line), with what to do next. */
public class DockerfileException extends RuntimeException {
    private final int line;
    private final String problem;
    private final String hint;
    private final java.util.List<DockerfileException> all;

    public DockerfileException(int line, String problem, String hint) {
        super("Dockerfile" + (line > 0 ? ":" + line : "") + ": " + problem + (hint == null || hint.isEmpty() ? "" : " (" + hint + ")"));
        this.line = line;
        this.problem = problem;
        this.hint = hint;
        this.all = java.util.List.of(this);
    }

    private DockerfileException(java.util.List<DockerfileException> problems) {
        super(problems.stream().map(Throwable::getMessage).collect(java.util.stream.Collectors.joining("\n")));
        this.line = problems.get(0).line;
        this.problem = problems.get(0).problem;
        this.hint = problems.get(0).hint;
        this.all = java.util.List.copyOf(problems);
    }

    /** One exception for several problems (the first gives line, problem and hint); a single one is returned as is. */
    public static DockerfileException of(java.util.List<DockerfileException> problems) {
        return problems.size() == 1 ? problems.get(0) : new DockerfileException(problems);
    }

    /** Every problem found, in line order (this one alone when there was one). */
    public java.util.List<DockerfileException> problems() {
        return all;
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
