package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.Options.Slot;
import io.github.adder4j.core.Positions;
import io.github.adder4j.core.format.TokenFormat;
import io.github.adder4j.core.format.TokenFormat.PositionRole;
import io.github.adder4j.core.params.Component;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Additive positions: a {@code (T, dims)} table for the first T positions.
 * <ul>
 *   <li>learned: {@code rows*dims}; learned rank r: {@code r*(rows+dims)};</li>
 *   <li>sinusoid: 0 (fixed);</li>
 *   <li>spiral: the learned spiral scalars plus 3 per learned special slot; digit slot i is
 *       {@code [amp cos(2 pi i/10 + phase), amp sin(2 pi i/10 + phase), slope i + offset]}, shared by the i-th digit of
 *       both operands and of the sum; the role of each position comes from the format.</li>
 * </ul>
 *
 * <p>Standalone: {@code x (..., T, ...) -> (T, dims)}, the table of the first T positions, T read from axis 1 of the
 * input (token ids {@code (B, T)} or embeddings {@code (B, T, d)}); its parameters are named {@code position.*}. The table
 * has no batch axis: it broadcasts over the batch (and a population axis) when added.
 */
public final class PositionBlock extends ModelBlock {
    final Positions spec;
    final int dims;
    private final TokenFormat format;
    private Parameter table;
    private Parameter a;
    private Parameter b;
    private final Map<String, Parameter> spiral = new java.util.LinkedHashMap<>();
    private final Map<PositionRole.Kind, Parameter> specials = new EnumMap<>(PositionRole.Kind.class);
    private final List<PositionRole.Kind> zeroSpecials = new ArrayList<>();

    /**
     * @param spec   learned, sinusoid or spiral positions
     * @param dims   width of a position vector
     * @param format the token format (the spiral table reads its position roles, the report its context length); may be
     *               null for learned positions
     * @param dtype  parameter type
     * @throws IllegalArgumentException when dims is not positive, or positions other than learned ones have no format
     */
    public PositionBlock(Positions spec, int dims, TokenFormat format, DataType dtype) {
        super(dtype);
        if (dims <= 0) {
            throw new IllegalArgumentException("position dims must be positive: " + dims);
        }
        if (!(spec instanceof Positions.Learned) && format == null) {
            throw new IllegalArgumentException("positions " + spec + " need a token format");
        }
        this.spec = spec;
        this.dims = dims;
        this.format = format;
        if (spec instanceof Positions.Learned learned) {
            if (learned.rank() == 0) {
                table = learned("position.table", learned.rows(), dims);
            } else {
                a = learned("position.A", learned.rows(), learned.rank());
                b = learned("position.B", learned.rank(), dims);
            }
        } else if (spec instanceof Positions.Spiral s) {
            scalar("amplitude", s.amp());
            scalar("phase", s.phase());
            scalar("slope", s.slope());
            scalar("offset", s.offset());
            for (Map.Entry<PositionRole.Kind, Slot> e : s.specials().entrySet()) {
                if (e.getValue() == Slot.LEARNED) {
                    specials.put(e.getKey(), learned("position." + e.getKey().name().toLowerCase(java.util.Locale.ROOT), 1, 3));
                }
            }
            for (int t = 0; t <= format.contextLength(); t++) {
                PositionRole.Kind k = format.role(t).kind();
                if ((!k.isDigit() || k == PositionRole.Kind.SUM_CARRY) && !specials.containsKey(k) && !zeroSpecials.contains(k)) {
                    zeroSpecials.add(k);
                }
            }
        }
    }

    private void scalar(String name, Positions.Scalar s) {
        if (s.learned()) {
            spiral.put(name, learned("position.spiral." + name, 1));
        }
    }

    /** The learned special slot of a role, or null. */
    Parameter special(PositionRole.Kind kind) {
        return specials.get(kind);
    }

    /** {@code (T, dims)} positions of the first T tokens, or null when there are none. */
    NDArray table(Fwd f, int length) {
        if (spec instanceof Positions.Learned) {
            NDArray full = table != null ? f.p(table) : f.own(f.p(a).matMul(f.p(b)));  // (rows, dims)
            return f.own(full.get("..., 0:" + length + ", :"));                         // (T, dims)
        }
        if (spec instanceof Positions.Sinusoid s) {
            double[] v = new double[length * dims];
            for (int t = 0; t < length; t++) {
                for (int j = 0; j < dims / 2; j++) {
                    double angle = 2 * Math.PI * (j + 1) * t / s.period();
                    v[t * dims + 2 * j] = Math.cos(angle);
                    v[t * dims + 2 * j + 1] = Math.sin(angle);
                }
            }
            return f.perMember(f.constant(v, new Shape(length, dims)));
        }
        if (spec instanceof Positions.Spiral s) {
            return spiralTable(f, s, length);
        }
        return null;
    }

    @Override
    NDList forward(Fwd f, NDList inputs) {
        return new NDList(table(f, (int) inputs.head().getShape().get(1)));
    }

    @Override
    void checkInputs(NDList inputs) {
        Shape s = inputs.head().getShape();
        if (s.dimension() < 2) {
            throw new IllegalArgumentException("PositionBlock expects (B, T, ...), got " + s);
        }
        long rows = spec instanceof Positions.Learned l ? l.rows() : format != null ? format.contextLength() + 1 : Long.MAX_VALUE;
        if (s.get(1) > rows) {
            throw new IllegalArgumentException("PositionBlock has " + rows + " positions, got " + s.get(1) + " in " + s);
        }
    }

    @Override
    String blockName() {
        return "position";
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(1), dims)};
    }

    private NDArray spiralTable(Fwd f, Positions.Spiral s, int length) {
        double[] slots = new double[10];
        double[] angles = new double[10];
        for (int i = 0; i < 10; i++) {
            slots[i] = i;
            angles[i] = 2 * Math.PI * i / 10;
        }
        NDArray angle = f.constant(angles, new Shape(10)).add(value(f, "phase", s.phase()));       // (10)
        NDArray amp = value(f, "amplitude", s.amp());
        NDArray third = f.constant(slots, new Shape(10)).mul(value(f, "slope", s.slope())).add(value(f, "offset", s.offset()));
        NDArray cos = angle.cos().mul(amp);
        NDArray sin = angle.sin().mul(amp);
        Shape common = cos.getShape().dimension() > third.getShape().dimension() ? cos.getShape() : third.getShape();
        NDArray circle = NDArrays.stack(new NDList(to(cos, common), to(sin, common), to(third, common)), -1); // (10, 3)
        NDList rows = new NDList(circle.getShape().dimension() == 2 ? f.perMember(circle) : circle);
        List<PositionRole.Kind> order = new ArrayList<>(specials.keySet());
        for (PositionRole.Kind k : order) {
            rows.add(f.p(specials.get(k)));                                                            // (1, 3), learned
        }
        rows.add(f.perMember(f.constant(new double[3], new Shape(1, 3))));                              // zero slot
        NDArray all = NDArrays.concat(rows, -2);                                                        // (R, 3)
        int r = 10 + order.size() + 1;
        double[] select = new double[length * r];
        for (int t = 0; t < length; t++) {
            PositionRole role = format.role(t);
            int row = role.kind().isDigit() && role.kind() != PositionRole.Kind.SUM_CARRY ? role.slot()
                    : order.contains(role.kind()) ? 10 + order.indexOf(role.kind()) : r - 1;
            select[t * r + row] = 1;
        }
        return f.constant(select, new Shape(length, r)).matMul(all);                                    // (T, 3)
    }

    /** {@code x} broadcast to {@code shape} (a population's member axis), or {@code x} itself when it has that shape. */
    private static NDArray to(NDArray x, Shape shape) {
        return x.getShape().equals(shape) ? x : x.broadcast(shape);
    }

    private NDArray value(Fwd f, String name, Positions.Scalar s) {
        return s.learned() ? f.p(spiral.get(name)) : f.scalar(s.value());
    }

    void initialize(Seeded r) {
        if (table != null) {
            r.table(table, dims);
        }
        if (a != null) {
            r.tableFactors(a, b, a.getShape().get(1), dims);
        }
        if (spec instanceof Positions.Spiral s) {
            Map<String, Positions.Scalar> values = Map.of("amplitude", s.amp(), "phase", s.phase(), "slope", s.slope(), "offset", s.offset());
            for (Map.Entry<String, Parameter> e : spiral.entrySet()) {
                r.fill(e.getValue(), values.get(e.getKey()).value());
            }
            for (Parameter p : specials.values()) {
                r.normal(p, 0.02);
            }
        }
    }

    @Override
    void describe(Consumer<Component> sink) {
        if (table != null) {
            sink.accept(Component.learned(table.getName(), table.getShape().getShape(), "learned positions"));
        }
        if (a != null) {
            sink.accept(Component.learned(a.getName(), a.getShape().getShape(), "learned low-rank positions"));
            sink.accept(Component.learned(b.getName(), b.getShape().getShape(), "learned low-rank positions"));
        }
        if (spec instanceof Positions.Sinusoid s) {
            sink.accept(Component.constant("position.sinusoid", new long[] {format.contextLength(), dims}, 0, "fixed sinusoid, period " + s.period()));
        }
        if (spec instanceof Positions.Spiral s) {
            String[] names = {"amplitude", "phase", "slope", "offset"};
            Positions.Scalar[] values = {s.amp(), s.phase(), s.slope(), s.offset()};
            for (int i = 0; i < 4; i++) {
                if (values[i].learned()) {
                    sink.accept(Component.learned("position.spiral." + names[i], new long[] {1}, "learned spiral scalar"));
                } else {
                    sink.accept(Component.constant("position.spiral." + names[i], new long[] {1}, values[i].value() == 0 ? 0 : 1,
                            "frozen spiral scalar " + values[i].value()));
                }
            }
            for (Map.Entry<PositionRole.Kind, Parameter> e : specials.entrySet()) {
                sink.accept(Component.learned(e.getValue().getName(), new long[] {1, 3}, "learned " + e.getKey() + " slot"));
            }
            for (PositionRole.Kind k : zeroSpecials) {
                sink.accept(Component.constant("position." + k.name().toLowerCase(java.util.Locale.ROOT), new long[] {1, 3}, 0,
                        "frozen zero " + k + " slot"));
            }
        }
    }
}
