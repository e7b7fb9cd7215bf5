package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.PublishedWeights;
import io.github.adder4j.core.eval.Failure;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteResult;
import io.github.adder4j.core.io.PublishedFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs the {@code adder} commands in-process through picocli and checks their output, exit codes and errors. */
class AdderCliTest {

    private static final Pattern SUMMARY = Pattern.compile("(\\S+): (\\d+)/(\\d+) passed");
    private static final Pattern FAILURE = Pattern.compile("(\\d+) \\+ (\\d+) = (\\d+), got (-?\\d+)");

    @TempDir
    Path tmp;

    private static String fixture57() {
        return SharedFixtures.file("published-57p.json").toString();
    }

    private static Cli.Run ok(String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(0, run.exitCode(), () -> String.join(" ", args) + " failed; stderr:\n" + run.err());
        return run;
    }

    private static Cli.Run fails(int exitCode, String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(exitCode, run.exitCode(), () -> String.join(" ", args) + ": stdout " + run.out() + " stderr " + run.err());
        assertEquals("", run.out(), "nothing on stdout after an error");
        return run;
    }

    private static String firstErrLine(Cli.Run run) {
        return run.err().lines().findFirst().orElseThrow(() -> new AssertionError("empty stderr"));
    }

    // ---------------------------------------------------------------- help and version

    @Test
    void helpListsEveryCommandWithADescription() {
        Cli.Run run = ok("--help");
        for (String command : List.of("params", "verify", "add", "bench", "help")) {
            assertTrue(Pattern.compile("(?m)^  " + command + " +\\S").matcher(run.out()).find(),
                    command + " missing from\n" + run.out());
        }
        assertTrue(run.out().startsWith("Usage: adder "), run.out());
    }

    @Test
    void everyHelpRendersWithoutPicocliWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String command : AdderCli.commandLine().getSubcommands().keySet()) {
                ok(command, "--help");
            }
            ok("train", "--help");
        } finally {
            System.setErr(saved);
        }
        assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void everyErrorHasOnePrefix() {
        assertEquals("error: Unknown option: '--nope'", firstErrLine(fails(2, "verify", "--nope")));
        assertEquals("error: give --preset NAME, --zoo ID, or an adder4j checkpoint as --weights FILE", firstErrLine(fails(2, "verify")));
        assertTrue(firstErrLine(fails(2, "add", "--zoo", "nope", "1", "2")).startsWith("error: unknown zoo entry: nope"));
    }

    @Test
    void versionNamesAdderDjlAndJava() {
        List<String> lines = ok("--version").lines();
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("adder [0-9][^ $]* \\(adder4j\\)"), lines.get(0));
        assertTrue(lines.get(1).matches("DJL [0-9.]+, PyTorch engine, libtorch [0-9.]+ \\(CPU\\)"), lines.get(1));
        assertTrue(lines.get(2).startsWith("Java " + System.getProperty("java.version")), lines.get(2));
    }

    @Test
    void subcommandHelpShowsOptionsAndDefaults() {
        String verify = ok("verify", "--help").out();
        assertTrue(verify.contains("--preset=NAME"), verify);
        assertTrue(verify.contains(Preset.ROPE19_10.id()), verify);
        assertTrue(verify.contains("--weights=FILE"), verify);
        assertTrue(verify.matches("(?s).*--suite=SUITE.*Default: adderboard.*"), verify);
        assertTrue(verify.matches("(?s).*--batch=N.*Default: " + BatchOption.DEFAULT + ".*"), verify);
        String add = ok("add", "--help").out();
        assertTrue(add.contains("--pairs=FILE") && add.contains("[A]") && add.contains("[B]"), add);
        String bench = ok("bench", "eval", "--help").out();
        assertTrue(bench.matches("(?s).*--repeat=R.*Default: 3.*"), bench);
        assertTrue(ok("bench", "--help").out().matches("(?s).*Commands:.*eval .*"));
        assertTrue(ok("params", "--help").out().contains("--preset=NAME"));
        assertEquals(ok("verify", "--help").out(), ok("help", "verify").out());
    }

    // ---------------------------------------------------------------- params

    @Test
    void paramsSplit57EndsWithItsAdderBoardCount() {
        assertEquals("unique parameters (AdderBoard): 57", ok("params", "--preset", "split-57").lastLine());
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void paramsReproducesEveryPublishedCount(Preset preset) {
        Cli.Run run = ok("params", "--preset", preset.id());
        assertEquals("unique parameters (AdderBoard): " + preset.publishedParameters(), run.lastLine());
        assertEquals("", run.err());
    }

    // ---------------------------------------------------------------- verify

    @Test
    void verifyHandCodedPresetOnTheCarrySuite() {
        Cli.Run run = ok("verify", "--preset", "rope19-10", "--suite", "carry");
        Matcher m = SUMMARY.matcher(run.lastLine());
        assertTrue(m.matches() && m.group(1).equals("carry"), run.lastLine());
        assertEquals(Suite.carry().size(), Integer.parseInt(m.group(3)));
        int failed = Integer.parseInt(m.group(3)) - Integer.parseInt(m.group(2));
        assertEquals(Math.min(failed, 20) + (failed > 20 ? 1 : 0), run.lines().size() - 1, run.out());
    }

    @Test
    void verifyPublished57OnAdderBoard() {
        Cli.Run run = ok("verify", "--preset", "split-57", "--weights", fixture57());
        assertEquals(List.of("AdderBoard: 10010/10010 passed"), run.lines());
    }

    @Test
    void verifyPrintsTheFirstFailuresThenHowManyMoreThenTheSummary() throws IOException {
        Path broken = brokenFixture57();
        Cli.Run run = ok("verify", "--preset", "split-57", "--weights", broken.toString(), "--suite", "random:7:200");

        SuiteResult expected;
        try (AdderModel model = PublishedWeights.load(Preset.SPLIT_57, PublishedFixture.read(broken))) {
            expected = Suite.random(7, 200).run(model.adder(BatchOption.DEFAULT));
        }
        assertTrue(expected.failed() > 20, "the broken model must fail more than 20 of 200: " + expected.summaryLine());
        List<String> lines = run.lines();
        assertEquals(22, lines.size(), run.out());
        List<String> first = expected.failures().subList(0, 20).stream().map(Failure::toString).toList();
        assertEquals(first, lines.subList(0, 20));
        for (String line : lines.subList(0, 20)) {
            Matcher f = FAILURE.matcher(line);
            assertTrue(f.matches(), line);
            assertEquals(Long.parseLong(f.group(1)) + Long.parseLong(f.group(2)), Long.parseLong(f.group(3)), line);
        }
        assertEquals("... and " + (expected.failed() - 20) + " more failures", lines.get(20));
        assertEquals(expected.summaryLine(), lines.get(21));
        assertTrue(lines.get(21).matches("random:7:200: \\d+/200 passed"), lines.get(21));

        Cli.Run three = ok("verify", "--preset", "split-57", "--weights", broken.toString(), "--suite", "random:7:200",
                "--show-failures", "3", "--batch", "100");
        assertEquals(first.subList(0, 3), three.lines().subList(0, 3));
        assertEquals(List.of("... and " + (expected.failed() - 3) + " more failures", expected.summaryLine()),
                three.lines().subList(3, 5));
    }

    /** The published 57p weights with the FFN input negated: a model that gets many cases wrong. */
    private Path brokenFixture57() throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(SharedFixtures.file("published-57p.json")))
                .getAsJsonObject();
        JsonArray values = root.getAsJsonObject("tensors").getAsJsonObject("fc1.weight").getAsJsonArray("values");
        JsonArray negated = new JsonArray();
        for (JsonElement v : values) {
            negated.add(-v.getAsDouble());
        }
        root.getAsJsonObject("tensors").getAsJsonObject("fc1.weight").add("values", negated);
        Path file = tmp.resolve("broken-57p.json");
        Files.writeString(file, root.toString(), StandardCharsets.UTF_8);
        return file;
    }

    // ---------------------------------------------------------------- add

    @Test
    void addPrintsTheSum() {
        assertEquals(List.of("11111111100"),
                ok("add", "--preset", "split-57", "--weights", fixture57(), "1234567890", "9876543210").lines());
        assertEquals(List.of("19999999998"), ok("add", "--preset", "rope19-10", "9999999999", "9999999999").lines());
    }

    @Test
    void addFindsAFixtureByNameInTheSharedDirectory() {
        String old = System.getProperty(ModelOptions.SHARED_PROPERTY);
        System.setProperty(ModelOptions.SHARED_PROPERTY, SharedFixtures.dir().getParent().toString());
        try {
            assertEquals(List.of("1000000000"),
                    ok("add", "--preset", "split-57", "--weights", "published-57p.json", "999999999", "1").lines());
        } finally {
            if (old == null) {
                System.clearProperty(ModelOptions.SHARED_PROPERTY);
            } else {
                System.setProperty(ModelOptions.SHARED_PROPERTY, old);
            }
        }
    }

    @Test
    void addPairsPrintsOneSumPerPairSkippingBlankLinesAndComments() throws IOException {
        Path pairs = tmp.resolve("pairs.txt");
        Files.writeString(pairs, String.join("\n",
                "# operands, one pair per line",
                "0 0",
                "",
                "  9999999999\t9999999999  ",
                "5555555555 4444444445   # carry through every column",
                "   ",
                "1 99"), StandardCharsets.UTF_8);
        Cli.Run run = ok("add", "--preset", "split-57", "--weights", fixture57(), "--pairs", pairs.toString());
        assertEquals(List.of("0", "19999999998", "10000000000", "100"), run.lines());
    }

    @Test
    void addPairsOfAnEmptyFilePrintsNothing() throws IOException {
        Path pairs = tmp.resolve("empty.txt");
        Files.writeString(pairs, "# nothing\n\n");
        assertEquals("", ok("add", "--preset", "rope19-10", "--pairs", pairs.toString()).out());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void unknownPresetListsTheKnownOnes() {
        Cli.Run run = fails(2, "params", "--preset", "split-58");
        assertEquals("error: Invalid value for option '--preset': unknown preset: split-58 (known: " + Preset.ids() + ")",
                firstErrLine(run));
        assertTrue(run.err().contains("split-57, split-67"), run.err());
    }

    @Test
    void trainedPresetWithoutWeightsIsRefused() {
        Cli.Run run = fails(2, "verify", "--preset", "split-57");
        assertEquals("error: preset split-57 needs --weights (its weights are trained)", firstErrLine(run));
        assertEquals("error: preset lowrank-311 needs --weights (its weights are trained)",
                firstErrLine(fails(2, "add", "--preset", "lowrank-311", "1", "2")));
    }

    @Test
    void outOfRangeOperandsGiveTheLibraryMessage() {
        assertEquals("error: a must be in [0, 9999999999]: -1",
                firstErrLine(fails(2, "add", "--preset", "rope19-10", "-1", "5")));
        assertEquals("error: b must be in [0, 9999999999]: 10000000000",
                firstErrLine(fails(2, "add", "--preset", "rope19-10", "5", "10000000000")));
    }

    @Test
    void badPairsLineNamesFileLineAndText() throws IOException {
        Path pairs = tmp.resolve("bad.txt");
        Files.writeString(pairs, "1 2\n# fine so far\n3 plus 4\n");
        assertEquals("error: " + pairs + ":3: expected two whole numbers \"a b\" in digits 0-9: \"3 plus 4\"",
                firstErrLine(fails(2, "add", "--preset", "rope19-10", "--pairs", pairs.toString())));
        Files.writeString(pairs, "1 2 3\n");
        assertEquals("error: " + pairs + ":1: expected two whole numbers \"a b\" in digits 0-9: \"1 2 3\"",
                firstErrLine(fails(2, "add", "--preset", "rope19-10", "--pairs", pairs.toString())));
        Files.writeString(pairs, "\n7 10000000000 # too big\n");
        assertEquals("error: " + pairs + ":2: b must be in [0, 9999999999]: 10000000000",
                firstErrLine(fails(2, "add", "--preset", "rope19-10", "--pairs", pairs.toString())));
        Path missing = tmp.resolve("missing.txt");
        assertEquals("error: --pairs: no such file: " + missing,
                firstErrLine(fails(2, "add", "--preset", "rope19-10", "--pairs", missing.toString())));
    }

    @Test
    void addNeedsEitherOperandsOrPairs() throws IOException {
        assertEquals("error: give two operands A B, or --pairs FILE", firstErrLine(fails(2, "add", "--preset", "rope19-10")));
        assertEquals("error: give two operands A B, or --pairs FILE",
                firstErrLine(fails(2, "add", "--preset", "rope19-10", "12")));
        Path pairs = Files.writeString(tmp.resolve("p.txt"), "1 2\n");
        assertEquals("error: give either A B or --pairs FILE, not both",
                firstErrLine(fails(2, "add", "--preset", "rope19-10", "--pairs", pairs.toString(), "1", "2")));
        assertEquals("error: Invalid value for positional parameter at index 0 (A): expected a whole number in digits 0-9: \"x\"",
                firstErrLine(fails(2, "add", "--preset", "rope19-10", "x", "2")));
    }

    @Test
    void unknownSuiteNamesTheAcceptedForms() {
        assertEquals("error: Invalid value for option '--suite': suite must be one of " + Suite.ACCEPTED_FORMS + ": \"sevens\"",
                firstErrLine(fails(2, "verify", "--preset", "rope19-10", "--suite", "sevens")));
        assertEquals("error: Invalid value for option '--suite': seed 2025 is the AdderBoard test seed; use another seed for random suites",
                firstErrLine(fails(2, "verify", "--preset", "rope19-10", "--suite", "random:2025:10")));
    }

    @Test
    void badCountsAreRefused() {
        assertEquals("error: --batch must be positive: 0",
                firstErrLine(fails(2, "verify", "--preset", "rope19-10", "--batch", "0")));
        assertEquals("error: --show-failures must not be negative: -1",
                firstErrLine(fails(2, "verify", "--preset", "rope19-10", "--show-failures", "-1")));
        assertEquals("error: --repeat must be positive: 0",
                firstErrLine(fails(2, "bench", "eval", "--preset", "rope19-10", "--repeat", "0")));
    }

    @Test
    void weightsMustExistAndBeAFixtureOrACheckpoint() throws IOException {
        Path missing = tmp.resolve("nope.json");
        assertEquals("error: --weights: no such file: " + missing,
                firstErrLine(fails(2, "verify", "--preset", "split-57", "--weights", missing.toString())));
        Path other = Files.writeString(tmp.resolve("other.json"), "{\"tensors\": [1, 2]}");
        assertEquals("error: --weights " + other + ": neither a published fixture (top-level \"tensors\" object) nor an "
                        + "adder4j checkpoint (\"format\": \"adder4j-checkpoint\")",
                firstErrLine(fails(2, "verify", "--preset", "split-57", "--weights", other.toString())));
        assertEquals("error: no published weights are mapped for preset rope19-10 (mapped: split-57, split-234, "
                        + "lowrank-311, rope-122)",
                firstErrLine(fails(2, "add", "--preset", "rope19-10", "--weights", fixture57(), "1", "2")));
        assertEquals("error: fixture published-57p.json has no tensor named tok_emb.weight",
                firstErrLine(fails(2, "add", "--preset", "split-234", "--weights", fixture57(), "1", "2")));
    }

    @Test
    void missingOrUnknownCommandIsAUsageError() {
        assertEquals("error: Missing required subcommand", firstErrLine(fails(2)));
        assertEquals("error: Missing required subcommand", firstErrLine(fails(2, "bench")));
        Cli.Run run = fails(2, "verfy");
        assertEquals("error: Unmatched argument at index 0: 'verfy'", firstErrLine(run));
        assertTrue(run.err().contains("verify"), run.err());
        assertEquals("error: Missing required argument (specify one of these): (--preset=NAME | --zoo=ID | --weights=FILE)",
                firstErrLine(fails(2, "params")));
    }

    // ---------------------------------------------------------------- adder4j checkpoints

    @Test
    void verifyAndAddReadAdder4jCheckpoints() {
        java.nio.file.Path file = tmp.resolve("rope19.json");
        try (io.github.adder4j.core.AdderModel m = io.github.adder4j.core.Preset.ROPE19_10.create()) {
            m.save(file, "hand-coded: HandCoded.rope19 (test)", java.util.Map.of());
        }
        assertEquals("random:7:200: 200/200 passed",
                ok("verify", "--preset", "rope19-10", "--weights", file.toString(), "--suite", "random:7:200").lastLine());
        assertEquals("11111111100", ok("add", "--preset", "rope19-10", "--weights", file.toString(), "1234567890", "9876543210").lastLine());
        Cli.Run wrong = fails(2, "verify", "--preset", "split-57", "--weights", file.toString());
        assertEquals("error: checkpoint " + file + " holds a different architecture than preset split-57", firstErrLine(wrong));
    }

    // ---------------------------------------------------------------- zoo

    @Test
    void zooListPrintsAHeaderAndOneAlignedLinePerEntry() {
        java.util.List<String> all = ok("zoo", "list").lines();
        int blank = all.indexOf("");
        java.util.List<String> lines = all.subList(0, blank);
        assertEquals(io.github.adder4j.zoo.AdderZoo.list().size() + 1, lines.size());
        java.util.List<String> images = all.subList(blank + 1, all.size());
        assertEquals(io.github.adder4j.zoo.ImageZoo.list().size() + 1, images.size());
        assertTrue(images.get(0).matches("ID\\s+PARAMS  CATEGORY  MNIST-TEST  ACCURACY  VERIFIED"), images.get(0));
        assertTrue(images.stream().anyMatch(l -> l.matches("micro-vit-mnist\\s+4762  image\\s+\\d+/1996\\s+\\d\\d\\.\\d\\d %  \\d{4}-\\d\\d-\\d\\d")),
                images.toString());
        assertTrue(lines.get(0).matches("ID\\s+PARAMS  CATEGORY\\s+ADDERBOARD\\s+CARRY  VERIFIED"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("rope19-10\\s+10  hand-coded  10010/10010  780/780  \\d{4}-\\d\\d-\\d\\d")),
                lines.toString());
        // aligned: every column starts at the same offset on every line
        for (String column : java.util.List.of("CATEGORY", "VERIFIED")) {
            int at = lines.get(0).indexOf(column);
            for (String line : lines) {
                assertEquals(' ', line.charAt(at - 1), line);
                assertTrue(Character.isLetterOrDigit(line.charAt(at)), line);
            }
        }
    }

    @Test
    void zooInfoPrintsTheModelCardWithoutMachinePaths() {
        String card = ok("zoo", "info", "split-57").out();
        assertTrue(card.startsWith("id            split-57\ncategory      trained\n"
                + "parameters    57 unique (AdderBoard rule), 59 strict\nformat        lsb34-v10\n"), card);
        assertTrue(card.contains("verified      2026-12-01: AdderBoard 10010/10010, carry 780/780, random 100000/100000\n"), card);
        assertTrue(card.contains("  round 1\n    command   adder train --preset split-57 --seed 7 --out runs/split-57-s7\n"), card);
        assertTrue(card.contains("initFrom=runs/split-57-s7/checkpoints/best.json"), card);
        assertTrue(card.contains("  ./adder verify --zoo split-57 "), card);
        assertTrue(card.endsWith("unique parameters (AdderBoard): 57\n"), card);
        assertFalse(card.contains("/work/"), "no machine paths");
        String handCoded = ok("zoo", "info", "rope19-10").out();
        assertTrue(handCoded.contains("  construction io.github.adder4j.core.Preset.ROPE19_10.create()"), handCoded);
        assertTrue(firstErrLine(fails(2, "zoo", "info", "nope")).startsWith("error: unknown zoo entry: nope (known: "));
    }

    @Test
    void theImageEntryHasACardAndVerifiesItsClaim() {
        io.github.adder4j.zoo.ImageZooEntry entry = io.github.adder4j.zoo.ImageZoo.entry("micro-vit-mnist");
        String card = ok("zoo", "info", "micro-vit-mnist").out();
        assertTrue(card.startsWith("id            micro-vit-mnist\ncategory      trained (image classifier)\nparameters    4762\n"), card);
        assertTrue(card.contains("verified      " + entry.date() + ": mnist-test " + entry.test() + " correct ("), card);
        assertTrue(card.contains("  ./adder verify --zoo micro-vit-mnist "), card);
        assertFalse(card.contains("/work/"), "no machine paths");
        Cli.Run verify = ok("verify", "--zoo", "micro-vit-mnist");
        assertEquals("mnist test: " + entry.test() + " correct", verify.lastLine());
        assertEquals("claimed by the zoo index: " + entry.test() + " (" + entry.date() + ")", verify.lines().get(verify.lines().size() - 2));
        assertEquals("error: zoo entry micro-vit-mnist classifies images: --suite and --json do not apply",
                firstErrLine(fails(2, "verify", "--zoo", "micro-vit-mnist", "--suite", "carry")));
    }

    @Test
    void paramsOfAZooEntry() {
        Cli.Run run = ok("params", "--zoo", "split-74");
        assertEquals("zoo entry split-74 (lsb34-v10, AdderBoard 10010/10010)", run.lines().get(0));
        assertEquals("unique parameters (AdderBoard): 74", run.lastLine());
        fails(2, "params", "--zoo", "split-74", "--preset", "split-74");
        fails(2, "params");
        io.github.adder4j.zoo.ImageZooEntry vit = io.github.adder4j.zoo.ImageZoo.entry("micro-vit-mnist");
        Cli.Run image = ok("params", "--zoo", "micro-vit-mnist");
        assertEquals("zoo entry micro-vit-mnist (ViT, images; mnist test " + vit.test() + ")", image.lines().get(0));
        assertEquals("unique parameters (AdderBoard): " + vit.uniqueParameters(), image.lastLine());
        assertEquals("error: --zoo micro-vit-mnist is an image classifier, not an addition model: measure it with"
                        + " `adder verify --zoo micro-vit-mnist`, count it with `adder params --zoo micro-vit-mnist`",
                firstErrLine(fails(2, "add", "--zoo", "micro-vit-mnist", "1", "2")));
    }

    @Test
    void verifyAndAddWorkWithZooEntries() {
        assertEquals("random:3:100: 100/100 passed", ok("verify", "--zoo", "rope19-10", "--suite", "random:3:100").lastLine());
        assertEquals("10000000000", ok("add", "--zoo", "rope19-10", "9999999999", "1").lastLine());
        assertEquals("error: give exactly one of --preset and --zoo",
                firstErrLine(fails(2, "verify", "--zoo", "rope19-10", "--preset", "rope19-10")));
        assertTrue(firstErrLine(fails(2, "add", "--zoo", "nope", "1", "2")).startsWith("error: unknown zoo entry: nope (known: "));
    }
}
