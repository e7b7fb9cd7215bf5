package io.github.adder4j.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code adder} command: a parent for the subcommands, plus the error policy shared by all of them.
 *
 * <p>Exit codes: 0 on success, 2 when an option, value or input is bad (picocli's parse errors, and every
 * {@link IllegalArgumentException} thrown while a command runs), 1 for anything else. Errors are one message on the
 * error writer, in one style: {@code error: } and the message naming the bad option or value (a pointer to
 * {@code --help} or a suggestion may follow on the next lines); stack traces go to the log at DEBUG.
 */
@Command(name = "adder", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Build, train, verify and time the smallest transformers that add two 10-digit numbers (adder4j).",
        subcommands = {ParamsCommand.class, VerifyCommand.class, AddCommand.class, TrainCommand.class, FinetuneCommand.class, PolishCommand.class,
                SweepCommand.class, BenchCommand.class, ZooCommand.class, PlotCommand.class, AttentionCommand.class,
                SafetensorsCommand.class, ProveCommand.class, MnistCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'adder COMMAND --help' for a command's options.",
                "Results go to stdout; progress, warnings and errors to stderr.",
                "More logging: JAVA_OPTS=-Dorg.slf4j.simpleLogger.defaultLogLevel=info"})
public final class AdderCli implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(AdderCli.class);

    @Spec
    private CommandSpec spec;

    /** Creates the top-level command object (picocli instantiates it; use {@link #commandLine()} to run it). */
    public AdderCli() {
        // fields are injected by picocli
    }

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /**
     * A fully configured command line: the subcommands, the short parameter-error handler and the execution-error
     * policy. Callers may redirect its output with {@link CommandLine#setOut} and {@link CommandLine#setErr}.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AdderCli());
        cl.setParameterExceptionHandler(new ShortParameterErrors());
        cl.setExecutionExceptionHandler(new ExecutionErrors());
        return cl;
    }

    /** Runs the tool and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Prints the message, a suggestion or a pointer to --help (not the whole usage text), and exits with 2. */
    static final class ShortParameterErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            String message = ex.getMessage();
            // picocli starts some messages (argument groups) with its own "Error: "; one prefix is enough
            if (message.startsWith("Error: ")) {
                message = message.substring("Error: ".length());
            }
            err.println(cl.getColorScheme().errorText("error: " + message));
            if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            err.flush();
            return cl.getCommandSpec().exitCodeOnInvalidInput();
        }
    }

    /** IllegalArgumentException: a bad value (exit 2); anything else: exit 1. The message only, trace at DEBUG. */
    static final class ExecutionErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            LOG.debug("{} failed", cl.getCommandSpec().qualifiedName(), ex);
            String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            PrintWriter err = cl.getErr();
            err.println(cl.getColorScheme().errorText("error: " + message));
            err.flush();
            return ex instanceof IllegalArgumentException ? ExitCode.USAGE : ExitCode.SOFTWARE;
        }
    }
}
