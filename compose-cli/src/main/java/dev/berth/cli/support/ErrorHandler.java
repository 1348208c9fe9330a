package dev.berth.cli.support;

import dev.berth.cli.error.ExitCodes;
import dev.berth.cli.error.UserException;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into messages and exit codes: problems in the user's input are listed one per line with
 * where, what and how to fix, exit 1; usage errors print the message and a hint, exit 2; anything else is
 * an internal error whose stack trace is shown only with {@code --verbose}.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {


    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        if (ex instanceof ComposeException compose) {
            for (Problem problem : compose.problems()) {
                err.println(problem.render());
            }
            err.flush();
            return ExitCodes.INPUT_ERROR;
        }
        if (ex instanceof dev.berth.engine.plan.PlanningException
                || ex instanceof dev.berth.engine.graph.DependencyCycleException
                || ex instanceof dev.berth.runtime.RuntimeOperationException
                || ex instanceof dev.berth.engine.copy.CopyException
                || ex instanceof IllegalArgumentException) {
            err.println("berth: " + ex.getMessage());
            err.flush();
            return ExitCodes.INPUT_ERROR;
        }
        if (ex instanceof UserException user) {
            err.println(user.getMessage());
            err.flush();
            return user.exitCode();
        }
        err.println("berth: internal error: " + ex);
        if (isVerbose(parseResult)) {
            ex.printStackTrace(err);
        } else {
            err.println("Run again with --verbose to see the stack trace, and please report it.");
        }
        err.flush();
        return ExitCodes.INTERNAL_ERROR;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("berth: " + ex.getMessage());
        err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE_ERROR;
    }

    private static boolean isVerbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
