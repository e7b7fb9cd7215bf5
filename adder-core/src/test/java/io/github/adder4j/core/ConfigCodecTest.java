package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigCodecTest {

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetRoundTrips(Preset preset) {
        AdderConfig config = preset.builder().config();
        assertEquals(config, ConfigCodec.fromJson(ConfigCodec.toJson(config)));
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetRoundTripsThroughJsonText(Preset preset) {
        AdderConfig config = preset.builder().seed(-7).config();
        String text = ConfigCodec.toJson(config).toString();
        assertEquals(config, ConfigCodec.fromJson(JsonParser.parseString(text).getAsJsonObject()));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE, 1234567890123456789L})
    void seedsKeepAllSixtyFourBits(long seed) {
        AdderConfig config = Preset.SPLIT_57.builder().seed(seed).config();
        String text = ConfigCodec.toJson(config).toString();
        assertEquals(seed, ConfigCodec.fromJson(JsonParser.parseString(text).getAsJsonObject()).seed());
    }

    // ---- missing and bad fields ----

    static Stream<Arguments> badFields() {
        return Stream.of(
                edit("config is missing field dModel", o -> o.remove("dModel")),
                edit("config is missing field seed", o -> o.add("seed", JsonNull.INSTANCE)),
                edit("config is missing field norm", o -> o.remove("norm")),
                edit("config is missing field heads", o -> o.getAsJsonObject("attention").remove("heads")),
                edit("config is missing field type", o -> o.getAsJsonObject("positions").remove("type")),
                edit("config is missing field width", o -> o.getAsJsonObject("ffn").remove("width")),
                edit("config is missing field amp", o -> o.getAsJsonObject("positions").remove("amp")),
                edit("config is missing field learned", o -> o.getAsJsonObject("positions").getAsJsonObject("phase").remove("learned")),
                edit("config field dModel must be an integer: \"seven\"", o -> o.addProperty("dModel", "seven")),
                edit("config field dModel must be an integer: 3.5", o -> o.addProperty("dModel", 3.5)),
                edit("config field dModel must be an integer: 4294967301", o -> o.addProperty("dModel", 4_294_967_301L)),
                edit("config field dModel must be an integer: true", o -> o.addProperty("dModel", true)),
                edit("config field seed must be an integer: 1.5", o -> o.addProperty("seed", 1.5)),
                edit("config field eps must be a number: \"small\"", o -> o.getAsJsonObject("norm").addProperty("eps", "small")),
                edit("config field bias must be true or false: \"yes\"", o -> o.getAsJsonObject("attention").addProperty("bias", "yes")),
                edit("config field norm must be an object: 3", o -> o.addProperty("norm", 3)),
                edit("config field format must be a string: {}", o -> o.add("format", new JsonObject())),
                edit("unknown format: xyz (known: lsb34-v10, lsb34-v14, msb-rev-v14, q24-v10, rope19-31)",
                        o -> o.addProperty("format", "xyz")),
                edit("config field residual has unknown value DIAGONAL (known: [SUMMED, SPLIT])",
                        o -> o.addProperty("residual", "DIAGONAL")),
                edit("config field qkMode has unknown value tied_phase (known: [SEPARATE, TIED_PHASE, K_ROTATES_Q])",
                        o -> o.getAsJsonObject("attention").addProperty("qkMode", "tied_phase")),
                edit("config field positions.specials has unknown value NOWHERE (known: [OPERAND_A, OPERAND_B, SUM, PLUS, EQUALS, "
                        + "SUM_CARRY, EOS, PAD, BOS])",
                        o -> o.getAsJsonObject("positions").getAsJsonObject("specials").addProperty("NOWHERE", "ZERO")),
                edit("config field positions.specials.EQUALS has unknown value HALF (known: [LEARNED, ZERO])",
                        o -> o.getAsJsonObject("positions").getAsJsonObject("specials").addProperty("EQUALS", "HALF")),
                edit("config positions.type must be none, learned, sinusoid or spiral: helix",
                        o -> o.getAsJsonObject("positions").addProperty("type", "helix")),
                edit("config relative.type must be none, rope or alibi: t5", o -> o.add("relative", type("t5"))),
                edit("config projection type must be full, lowRank, basis or fixed: dense",
                        o -> o.getAsJsonObject("attention").add("key", type("dense"))),
                edit("config field rank must be an integer: \"one\"", o -> {
                    JsonObject out = type("lowRank");
                    out.addProperty("rank", "one");
                    o.getAsJsonObject("attention").add("out", out);
                }),
                edit("config is missing field init", o -> {
                    JsonObject basis = type("basis");
                    basis.add("bases", new JsonArray());
                    o.getAsJsonObject("attention").add("out", basis);
                }),
                edit("config field matrix must be an array: 3", o -> {
                    JsonObject fixed = type("fixed");
                    fixed.addProperty("matrix", 3);
                    o.getAsJsonObject("attention").add("out", fixed);
                }),
                edit("config field matrix must hold numbers: [1,\"x\"]", o -> {
                    JsonObject fixed = type("fixed");
                    fixed.add("matrix", JsonParser.parseString("[[1, \"x\"]]"));
                    o.getAsJsonObject("attention").add("out", fixed);
                }),
                edit("config field bases must hold matrices (arrays of rows): [1,2]", o -> {
                    JsonObject basis = type("basis");
                    basis.add("bases", JsonParser.parseString("[[1, 2]]"));
                    basis.add("init", JsonParser.parseString("[1]"));
                    o.getAsJsonObject("attention").add("out", basis);
                }));
    }

    private static Arguments edit(String message, Consumer<JsonObject> edit) {
        return Arguments.of(message, edit);
    }

    private static JsonObject type(String type) {
        JsonObject o = new JsonObject();
        o.addProperty("type", type);
        return o;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    void missingOrBadFieldFailsNamingTheField(String message, Consumer<JsonObject> edit) {
        JsonObject json = ConfigCodec.toJson(Preset.SPLIT_57.builder().config());
        edit.accept(json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigCodec.fromJson(json));
        assertEquals(message, e.getMessage());
    }

    @Test
    void wellFormedJsonOfABadCombinationFailsLikeTheBuilder() {
        JsonObject json = ConfigCodec.toJson(AdderModel.builder().config());
        json.addProperty("tokenDims", 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ConfigCodec.fromJson(json));
        assertEquals("a summed residual needs tokenDims == dModel: tokenDims=5, dModel=7", e.getMessage());
    }

    @Test
    void singleBadValueInJsonFailsLikeTheRecords() {
        JsonObject json = ConfigCodec.toJson(AdderModel.builder().config());
        json.getAsJsonObject("attention").addProperty("heads", 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigCodec.fromJson(json));
        assertEquals("heads must be positive: 0", e.getMessage());
    }
}
