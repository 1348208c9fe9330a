package dev.berth.cli.error;

/** The exit codes of berth, as docker compose uses them. */
public final class ExitCodes {

    /** The project or an argument value is wrong: the message says where and how to fix it. */
    public static final int INPUT_ERROR = 1;
    /** The command line itself is wrong (unknown flag, incompatible flags). */
    public static final int USAGE_ERROR = 2;
    /** A bug in berth. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }
}
