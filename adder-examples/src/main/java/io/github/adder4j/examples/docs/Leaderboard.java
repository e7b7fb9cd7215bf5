package io.github.adder4j.examples.docs;

import io.github.adder4j.zoo.AdderZoo;
import io.github.adder4j.zoo.ZooEntry;
import io.github.adder4j.zoo.ZooProofs;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Section {@code leaderboard}: the published AdderBoard records (as published on 2026-03-26; data, not measurements of ours)
 * beside the zoo entries adder4j produced and verified itself, matched by category and parameter count, with each entry's
 * proof status ({@link ZooProofs}).
 */
final class Leaderboard {
    private Leaderboard() { }

    /** The section's name. */
    static final String NAME = "leaderboard";

    /** One published record: category, unique parameters, the accuracy as published, and what it is. */
    record Published(String category, int parameters, String accuracy, String what) { }

    /** The published leaderboard (../shared/spec/adderboard.md). */
    static final List<Published> PUBLISHED = List.of(
            new Published("hand-coded", 10, "100 %", "1 layer, d=2, RoPE period 19, parabolic tied embedding, carry hinge"),
            new Published("hand-coded", 36, "100 % AB (wrong on 5193798811+1806201129)", "2 layers, d=5, ALiBi, softmax1, float64"),
            new Published("trained", 36, "100 %", "1-layer Qwen3-style, d=3, RoPE theta=3, arc embedding, K=rot(Q), V=Q, O=Q^T"),
            new Published("trained", 57, "100 %", "split-subspace d=5, tied Q/K + phase, triple-duty head"),
            new Published("trained", 122, "99.95 %", "1-layer Qwen3, d=3, RoPE theta=3"),
            new Published("trained", 234, "99.91 %", "split-subspace d=6, spiral positions, 2 heads"),
            new Published("trained", 311, "100 % AB", "d=4, rank-3 everything, shared-A tied-KV attention, fine-tune rounds"),
            new Published("trained", 777, "99.69 % (own 10K)", "d=7, ff=14, learned positions, LayerNorm"));

    /** The table. */
    static String render() {
        MarkdownTable t = new MarkdownTable("category", "#published params", "published accuracy", "what", "adder4j zoo entry",
                "#our params", "#our AdderBoard", "all 10^20 inputs");
        List<ZooEntry> zoo = AdderZoo.list();
        for (Published p : PUBLISHED) {
            Optional<ZooEntry> ours = zoo.stream().filter(e -> category(e).equals(p.category()) && e.uniqueParameters() == p.parameters())
                    .findFirst();
            t.row(p.category(), p.parameters(), p.accuracy(), p.what(), ours.map(e -> "`" + e.id() + "`").orElse("-"),
                    ours.map(e -> Long.toString(e.uniqueParameters())).orElse("-"), ours.map(e -> e.results().adderBoard().toString()).orElse("-"),
                    ours.map(Leaderboard::proof).orElse("-"));
        }
        for (ZooEntry e : zoo) {
            boolean matched = PUBLISHED.stream().anyMatch(p -> p.category().equals(category(e)) && p.parameters() == e.uniqueParameters());
            if (!matched) {
                t.row(category(e), "-", "-", "-", "`" + e.id() + "`", e.uniqueParameters(), e.results().adderBoard(), proof(e));
            }
        }
        return t.render();
    }

    /** The entry's proof status ({@code adder prove}): proved, counterexample or unknown. */
    private static String proof(ZooEntry e) {
        return ZooProofs.of(e.id()).map(s -> s.outcome().name().toLowerCase(Locale.ROOT)).orElse("-");
    }

    private static String category(ZooEntry e) {
        return e.category().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
