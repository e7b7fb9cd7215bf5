package io.github.adder4j.core.params;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.adder4j.core.AdderConfig;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.Projection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParameterFormulaTest {

    @ParameterizedTest
    @EnumSource(Preset.class)
    void formulaReproducesThePublishedCount(Preset preset) {
        assertEquals(preset.publishedParameters(), ParameterFormula.uniqueParameters(preset.builder().config()), preset.id());
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void formulaAgreesWithTheReportOfTheBuiltModel(Preset preset) {
        try (AdderModel model = preset.create()) {
            ParameterReport report = model.parameterReport();
            assertEquals(report.uniqueParameters(), ParameterFormula.uniqueParameters(model.config()), report.table());
            assertEquals(report.strictParameters(), ParameterFormula.strictParameters(model.config()), report.table());
        }
    }

    @Test
    void strictCountOfSplit57AddsTheTwoNonZeroFrozenSpiralScalars() {
        // amplitude 3.5 and slope 0.15 are frozen non-zero constants; phase and offset are frozen zeros
        assertEquals(57 + 2, ParameterFormula.strictParameters(Preset.SPLIT_57.builder().config()));
    }

    @Test
    void strictCountOfSplit74HasNoConstantsBecauseTheSpiralIsLearned() {
        assertEquals(74, ParameterFormula.strictParameters(Preset.SPLIT_74.builder().config()));
    }

    @Test
    void strictCountOfRope19AddsTheScaleAndTheOneWeightLikeGateBasisEntry() {
        // the fixed score scale AMP/2, and -0.001 in the second gate basis matrix; every other basis/fixed entry is 0 or +-1
        assertEquals(10 + 1 + 1, ParameterFormula.strictParameters(Preset.ROPE19_10.builder().config()));
    }

    @Test
    void everyLayerAddsItsOwnNormsAttentionAndFfn() {
        // classic-777 per layer: norm1 + norm2 2 * 14, attention 4 * 7 * 7, FFN 2 * 7 * 14
        AdderConfig two = Preset.CLASSIC_777.builder().layers(2).config();
        assertEquals(777 + 28 + 196 + 196, ParameterFormula.uniqueParameters(two));
    }

    @Test
    void sharedNormWithADifferentFinalKindCountsBoth() {
        // split-57 shares one RMS weight (5); a LayerNorm final norm adds its own weight and bias (10)
        AdderConfig c = Preset.SPLIT_57.builder().finalNorm(Norm.LAYER).config();
        assertEquals(57 + 10, ParameterFormula.uniqueParameters(c));
    }

    @Test
    void constantsOfABasisProjectionCountInEveryLayerOnlyInTheStrictCount() {
        // classic-777 with a basis attention output: 2 coefficients instead of 49 weights; 0.5 and 3 are weight-like
        double[][] first = new double[7][7];
        double[][] second = new double[7][7];
        first[0][0] = 0.5;
        first[1][1] = 1;
        second[2][2] = -1;
        second[3][3] = 3;
        AdderConfig c = Preset.CLASSIC_777.builder().layers(2).attentionOutput(Projection.basis(List.of(first, second), new double[] {1, 1}))
                .config();
        long unique = 777 + 28 + 196 + 196 - 2 * 49 + 2 * 2;
        assertEquals(unique, ParameterFormula.uniqueParameters(c));
        assertEquals(unique + 2 * 2, ParameterFormula.strictParameters(c));
    }

    @Test
    void alibiSlopeAndScaleAreOneConstantPerLayer() {
        AdderConfig c = Preset.CLASSIC_777.builder().layers(2).alibi(Math.log(10)).attentionScale(0.5).config();
        assertEquals(ParameterFormula.uniqueParameters(c) + 2 * 2, ParameterFormula.strictParameters(c));
    }
}
