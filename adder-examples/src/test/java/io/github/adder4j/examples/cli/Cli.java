package io.github.adder4j.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs the CLI in-process with captured output. */
final class Cli {
    private Cli() { }

    /** The outcome of one command. */
    record Run(int exitCode, String out, String err) {
        /** Standard output, line by line. */
        List<String> lines() {
            return out.lines().toList();
        }

        /** The last line of standard output. */
        String lastLine() {
            List<String> lines = lines();
            if (lines.isEmpty()) {
                throw new AssertionError("no output; stderr: " + err);
            }
            return lines.get(lines.size() - 1);
        }
    }

    /** Executes {@code adder args...}. */
    static Run run(String... args) {
        CommandLine cl = AdderCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
