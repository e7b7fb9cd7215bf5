package com.example.consumer;

import io.github.adder4j.core.Adder;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.Projection;
import io.github.adder4j.core.params.ParameterReport;
import io.github.adder4j.zoo.AdderZoo;
import io.github.adder4j.zoo.ZooEntry;

/**
 * What a project that depends on adder4j can do with two dependencies: build a model with the builder, load a verified
 * model from the zoo, and add.
 */
public final class ConsumerMain {
    private ConsumerMain() { }

    /** Prints a built model's parameter counts, the zoo's entries, and a sum computed by a zoo model. */
    public static void main(String[] args) {
        // 1. build: the published 57-parameter split-subspace architecture, with its own FFN output layer (split-67)
        try (AdderModel model = Preset.SPLIT_57.builder().ffnOutProjection(Projection.full()).seed(7).build()) {
            ParameterReport report = model.parameterReport();
            System.out.println("built split-57 + own FFN output: " + report.uniqueParameters() + " parameters (AdderBoard), "
                    + report.strictParameters() + " strict");
        }

        // 2. load a verified model from the zoo
        ZooEntry entry = AdderZoo.list().get(0);
        System.out.println("zoo entry " + entry.id() + ": " + entry.uniqueParameters() + " parameters, AdderBoard "
                + entry.results().adderBoard() + ", carry suite " + entry.results().carry());
        Adder adder = AdderZoo.load(entry.id());

        // 3. add
        long a = args.length == 2 ? Long.parseLong(args[0]) : 5_193_798_811L;
        long b = args.length == 2 ? Long.parseLong(args[1]) : 1_806_201_129L;
        long sum = adder.add(a, b);
        System.out.println(a + " + " + b + " = " + sum + (sum == a + b ? " (correct)" : " (wrong: " + (a + b) + ")"));
    }
}
