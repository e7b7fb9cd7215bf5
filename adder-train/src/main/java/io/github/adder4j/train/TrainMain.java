package io.github.adder4j.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal entry point for background runs without the CLI jar:
 * {@code TrainMain start PRESET SEED DIR [field=value ...]}, {@code TrainMain modular FORMAT WD SEED STEPS DIR} or
 * {@code TrainMain resume DIR}.
 */
public final class TrainMain {
    private TrainMain() { }

    /** Runs a training job and prints its result. */
    public static void main(String[] args) {
        if (args.length >= 4 && args[0].equals("start")) {
            Map<String, String> overrides = new LinkedHashMap<>();
            for (int i = 4; i < args.length; i++) {
                String[] kv = args[i].split("=", 2);
                overrides.put(kv[0], kv[1]);
            }
            Recipe recipe = Recipe.forPreset(args[1], Long.parseLong(args[2])).with(overrides);
            try (Trainer t = Trainer.start(recipe, Path.of(args[3]), "TrainMain " + String.join(" ", args))) {
                System.out.println(t.run());
            }
        } else if (args.length == 6 && args[0].equals("modular")) {
            Recipe recipe = Recipe.modular(args[1], Double.parseDouble(args[2]), Long.parseLong(args[3]), Integer.parseInt(args[4]));
            try (Trainer t = Trainer.start(recipe, Path.of(args[5]), "TrainMain " + String.join(" ", args))) {
                System.out.println(t.run());
            }
        } else if (args.length == 2 && args[0].equals("resume")) {
            try (Trainer t = Trainer.resume(Path.of(args[1]))) {
                System.out.println(t.run());
            }
        } else {
            System.err.println("usage: TrainMain start PRESET SEED DIR [field=value ...] | TrainMain resume DIR | TrainMain modular FORMAT WD SEED STEPS DIR");
            System.exit(2);
        }
    }
}
