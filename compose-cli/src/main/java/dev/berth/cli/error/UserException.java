package dev.berth.cli.error;

/** A failure the user can fix: printed as is, without a stack trace, with its exit code. */
public final class UserException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public UserException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserException(String message) {
        this(message, ExitCodes.INPUT_ERROR);
    }

    public int exitCode() {
        return exitCode;
    }
}
