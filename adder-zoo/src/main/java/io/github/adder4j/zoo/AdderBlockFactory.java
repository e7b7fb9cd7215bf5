package io.github.adder4j.zoo;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import io.github.adder4j.core.AdderModel;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;

/**
 * The DJL block factory of adder4j models: builds the {@link AdderModel} named by the loading arguments (a zoo entry,
 * SHA-256 checked, or a checkpoint file) and returns its network block. The adder4j model is closed with the DJL
 * model (it is attached to the DJL model's manager). DJL calls this through {@link AdderRepository}'s arguments;
 * {@link AdderTranslatorFactory} finds the adder4j model behind the block with {@link #modelOf(Block)}.
 */
public final class AdderBlockFactory implements BlockFactory {
    /** Argument naming a zoo entry id. */
    public static final String ZOO_ENTRY = "adder4j.zooEntry";
    /** Argument naming a checkpoint file. */
    public static final String CHECKPOINT = "adder4j.checkpoint";

    private static final long serialVersionUID = 1L;
    private static final Map<Block, AdderModel> MODELS = Collections.synchronizedMap(new WeakHashMap<>());

    /** For DJL, which instantiates it by class name. */
    public AdderBlockFactory() {
    }

    /**
     * Builds the model.
     *
     * @throws IllegalArgumentException when the arguments name neither a zoo entry nor a checkpoint, or an unknown
     *                                  entry; checkpoint errors as in {@link AdderModel#load(Path)}
     */
    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        Object entry = arguments.get(ZOO_ENTRY);
        Object checkpoint = arguments.get(CHECKPOINT);
        AdderModel adderModel;
        if (entry != null) {
            adderModel = AdderZoo.loadModel(entry.toString());
        } else if (checkpoint != null) {
            adderModel = AdderModel.load(Path.of(checkpoint.toString()));
        } else {
            throw new IllegalArgumentException("the arguments name neither " + ZOO_ENTRY + " nor " + CHECKPOINT);
        }
        model.getNDManager().attachInternal(UUID.randomUUID().toString(), adderModel);
        Block block = adderModel.block();
        MODELS.put(block, adderModel);
        return block;
    }

    /** The adder4j model whose network is {@code block}, or null when this factory did not build it. */
    static AdderModel modelOf(Block block) {
        return MODELS.get(block);
    }
}
