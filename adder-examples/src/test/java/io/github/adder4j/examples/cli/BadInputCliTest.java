package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.eval.Case;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's side of issue 17's bad inputs: digits, terminal escapes, huge counts, odd files, long pairs files. */
class BadInputCliTest {

    @TempDir
    Path tmp;

    /** The first stderr line of a failed command, without the {@code error: } prefix that every error carries. */
    private static String error(int exitCode, String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(exitCode, run.exitCode(), () -> String.join(" ", args) + ": stdout " + run.out() + " stderr " + run.err());
        assertFalse(run.err().contains("\u001b"), "no raw escape character reaches the terminal");
        String first = run.err().lines().findFirst().orElseThrow(() -> new AssertionError("empty stderr"));
        return first.startsWith("error: ") ? first.substring("error: ".length()) : first;
    }

    @Test
    void onlyAsciiDigitsAreNumbers() throws IOException {
        assertEquals("Invalid value for positional parameter at index 0 (A): expected a whole number in digits 0-9: \"\u0661\u0662\"",
                error(2, "add", "--preset", "rope19-10", "\u0661\u0662", "3"));
        assertEquals("Invalid value for positional parameter at index 1 (B): expected a whole number in digits 0-9: \"\uff13\"",
                error(2, "add", "--preset", "rope19-10", "12", "\uff13"));
        Path pairs = Files.writeString(tmp.resolve("pairs.txt"), "1 2\n\uff11 2\n");
        assertEquals(pairs + ":2: expected two whole numbers \"a b\" in digits 0-9: \"\uff11 2\"",
                error(2, "add", "--preset", "rope19-10", "--pairs", pairs.toString()));
        assertTrue(error(2, "verify", "--preset", "rope19-10", "--suite", "random:\u0661:5")
                .startsWith("Invalid value for option '--suite': suite must be one of"));
    }

    @Test
    void terminalEscapesInAPairsFileAreNotEchoed() throws IOException {
        Path pairs = Files.writeString(tmp.resolve("pairs.txt"), "1 2\n\u001b]0;owned\u0007\u001b[31m3 4\n");
        assertEquals(pairs + ":2: expected two whole numbers \"a b\" in digits 0-9: \"\\u001b]0;owned\\u0007\\u001b[31m3 4\"",
                error(2, "add", "--preset", "rope19-10", "--pairs", pairs.toString()));
        Path long_ = Files.writeString(tmp.resolve("long.txt"), "x".repeat(500) + "\n");
        assertEquals(long_ + ":1: expected two whole numbers \"a b\" in digits 0-9: \"" + "x".repeat(60) + "\"...",
                error(2, "add", "--preset", "rope19-10", "--pairs", long_.toString()));
    }

    @Test
    void pairsArePrintedBatchByBatchAsTheFileIsRead() throws IOException {
        Path pairs = Files.writeString(tmp.resolve("pairs.txt"), "1 2\n3 4\n5 6\n7 8\n9 10\nbad\n");
        Cli.Run run = Cli.run("add", "--preset", "rope19-10", "--batch", "2", "--pairs", pairs.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(List.of("3", "7", "11", "15"), run.lines(), "the sums of the batches before the bad one");
        assertTrue(run.err().contains(pairs + ":6: expected two whole numbers"), run.err());
    }

    @Test
    void aMillionLinePairsFileIsReadInConstantSizeBatches() {
        int lines = 1_000_000;
        Reader generated = new Reader() {
            private int line;
            private String current = "";
            private int at;

            @Override
            public int read(char[] buffer, int offset, int length) {
                int n = 0;
                while (n < length) {
                    if (at == current.length()) {
                        if (line == lines) {
                            return n == 0 ? -1 : n;
                        }
                        current = (line % 9_999_999_999L) + " " + line + "\n";
                        line++;
                        at = 0;
                    }
                    buffer[offset + n++] = current.charAt(at++);
                }
                return n;
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
        PairsFile file = PairsFile.open(generated, "generated");
        long count = 0;
        int largest = 0;
        Case last = null;
        for (List<Case> batch = file.next(4096); !batch.isEmpty(); batch = file.next(4096)) {
            count += batch.size();
            largest = Math.max(largest, batch.size());
            last = batch.get(batch.size() - 1);
        }
        assertEquals(lines, count);
        assertEquals(4096, largest);
        assertEquals(new Case(lines - 1, lines - 1), last);
    }

    @Test
    void hugeCountsAreRefusedBeforeAnyAllocation() {
        assertEquals("Invalid value for option '--suite': n must be at most 1000000: 2147483647",
                error(2, "verify", "--preset", "rope19-10", "--suite", "random:1:2147483647"));
        assertEquals("--batch must be at most 65536: 2000000000",
                error(2, "verify", "--preset", "rope19-10", "--batch", "2000000000"));
        assertEquals("--batch: batchSize must be at most 65536: 2000000000",
                error(2, "train", "--preset", "split-57", "--batch", "2000000000", "--out", tmp.resolve("run").toString()));
        assertEquals("--set validationSize=2000000000: validationSize must be at most 1000000: 2000000000",
                error(2, "train", "--preset", "split-57", "--set", "validationSize=2000000000", "--out", tmp.resolve("run").toString()));
        assertFalse(Files.exists(tmp.resolve("run")));
    }

    @Test
    void badRecipeValuesAreNamedNotNumberFormatExceptions() {
        assertEquals("--set steps=abc: steps must be an integer: \"abc\"",
                error(2, "train", "--preset", "split-57", "--set", "steps=abc", "--out", tmp.resolve("run").toString()));
        assertEquals("--set learningRate=fast: learningRate must be a number: \"fast\"",
                error(2, "train", "--preset", "split-57", "--set", "learningRate=fast", "--out", tmp.resolve("run").toString()));
        assertEquals("--set grokfast=yes: grokfast must be true or false: \"yes\"",
                error(2, "train", "--preset", "split-57", "--set", "grokfast=yes", "--out", tmp.resolve("run").toString()));
    }

    @Test
    void weightsAndPairsThatAreNotFilesSayWhatTheyAre() throws IOException {
        assertEquals("--weights: is a directory, not a file: " + tmp,
                error(2, "verify", "--preset", "split-57", "--weights", tmp.toString()));
        assertEquals("--weights: not a regular file: /dev/null",
                error(2, "verify", "--preset", "split-57", "--weights", "/dev/null"));
        assertEquals("--pairs: is a directory, not a file: " + tmp,
                error(2, "add", "--preset", "rope19-10", "--pairs", tmp.toString()));
        assertEquals("--pairs: not a regular file: /dev/zero",
                error(2, "add", "--preset", "rope19-10", "--pairs", "/dev/zero"));
    }

    @Test
    void trainRefusesADirectoryThatIsNotARun() throws IOException {
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("thesis.tex"), "mine");
        assertEquals("run directory " + foreign + " is not empty and holds no run (it has thesis.tex); choose a new or empty "
                + "directory", error(2, "train", "--preset", "split-57", "--steps", "10", "--warmup", "2", "--out", foreign.toString()));
        assertEquals("mine", Files.readString(foreign.resolve("thesis.tex")));
    }

    @Test
    void resumingAnEndedRunRemovesWhatAKillLeftBehind() throws IOException {
        Path run = tmp.resolve("run");
        Cli.Run trained = Cli.run("train", "--preset", "split-57", "--steps", "10", "--warmup", "2", "--eval-every", "10", "--batch", "8",
                "--set", "validationSize=8", "--set", "logEvery=10", "--out", run.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        Path leftover = Files.writeString(run.resolve(".summary.json.5f3a.tmp"), "{\"status\"");
        Cli.Run resumed = Cli.run("train", "--resume", run.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.lines().get(0).startsWith("status: COMPLETED"), resumed.out());
        assertFalse(Files.exists(leftover));
    }
}
