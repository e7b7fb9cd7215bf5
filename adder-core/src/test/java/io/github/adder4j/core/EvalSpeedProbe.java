package io.github.adder4j.core;

import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteRunner;

public class EvalSpeedProbe {
    public static void main(String[] args) {
        Preset p = Preset.byId(args[0]);
        int batch = Integer.parseInt(args[1]);
        try (AdderModel m = args[0].equals("split-57") ? PublishedWeights.load(p, Fixtures.read("published-57p.json")) : p.create()) {
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                var r = new SuiteRunner().run(Suite.adderBoard(), m.adder(batch));
                System.out.println(r.summaryLine() + " in " + (System.nanoTime() - t) / 1e9 + " s");
            }
        }
    }
}
