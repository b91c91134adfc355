package org.interslice.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The slice network: a three-level U-Net on 2D slices. Input N x C x H x W (H, W multiples of 4): the
 * measured slices p0, a, b, p3 around the gap (a, b its two neighbours, p0 and p3 one step further out,
 * repeated at the stack's edges) and {@code morph}'s slice m, in normalised intensity, the fractional
 * position t in [0, 1] as a constant plane, and (C = 8) the {@code cubic} method's slice and the gap 1/K as
 * a constant plane (both let the network blend towards cubic where that helps, which depends on K). Output N x 1 x H x W: m plus a learned correction, so an
 * untrained network returns morph's slice and training learns what morph misses (residual noise,
 * registration errors).
 *
 * <p>Widths w, 2w, 4w per level with two 3x3 convolutions each (ReLU), max-pool down, a 1x1 convolution and
 * nearest-neighbour 2x upsampling up (libtorch in DJL has no transposed convolution), skip connections by concatenation, and a 1x1 convolution to one channel. w = 16 (the
 * default) gives 109,793 parameters, w = 24 about 245 k; the receptive field is about 40 pixels.
 */
public final class SliceNet extends AbstractBlock {
    /**
     * Input channels of the current layout: p0, a, b, p3 (the measured neighbours), morph's slice, t, the
     * {@code cubic} method's slice and the gap 1/K (K - 1 targets per gap) as a constant plane. Samplers always
     * fill all of them; a network with fewer input channels (models before the layout grew) reads the first ones.
     */
    public static final int CHANNELS = 8;
    /** Input channels of the first layout (p0, a, b, p3, morph, t): models that carry no channel count. */
    public static final int CHANNELS_V1 = 6;
    private static final byte VERSION = 1;

    private final int width, channels;
    private final Head headKind;
    private final Block enc1, enc2, enc3, up2, dec2, up1, dec1, head;

    /**
     * What the last layer's output r does: {@code RESIDUAL} adds it to morph's slice m (m + r); {@code BLEND}
     * (the current layout only) blends m with cubic's slice c, m + w (c - m) with w = sigmoid(r - 6) in (0, 1), so
     * the network can only choose, pixel by pixel, how far to go from morph towards cubic: it cannot draw
     * structure that neither has, which keeps it from carrying corrections learned on one volume into another.
     */
    public enum Head { RESIDUAL, BLEND }

    /** The blend head's weight is sigmoid(r - this): near 0 (0.0025) for an untrained network. */
    static final float BLEND_OFFSET = 6f;

    public SliceNet(int width) {
        this(width, CHANNELS);
    }

    public SliceNet(int width, int channels) {
        this(width, channels, Head.RESIDUAL);
    }

    /** A network reading the first {@code channels} input channels ({@link #CHANNELS_V1} or {@link #CHANNELS}). */
    public SliceNet(int width, int channels, Head kind) {
        super(VERSION);
        if (width < 1) throw new IllegalArgumentException("width " + width + " < 1");
        if (channels != CHANNELS && channels != CHANNELS_V1)
            throw new IllegalArgumentException("input channels " + channels + " are neither " + CHANNELS_V1 + " nor " + CHANNELS);
        this.width = width;
        this.channels = channels;
        if (kind == Head.BLEND && channels < CHANNELS) throw new IllegalArgumentException("the blend head needs cubic's slice (" + CHANNELS + " input channels)");
        this.headKind = kind;
        enc1 = addChildBlock("enc1", convs(width));
        enc2 = addChildBlock("enc2", convs(2 * width));
        enc3 = addChildBlock("enc3", convs(4 * width));
        up2 = addChildBlock("up2", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(2 * width).build());
        dec2 = addChildBlock("dec2", convs(2 * width));
        up1 = addChildBlock("up1", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(width).build());
        dec1 = addChildBlock("dec1", convs(width));
        head = addChildBlock("head", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());
    }

    /** The last layer's weight and bias: initialised near zero so an untrained network returns the linear blend. */
    public java.util.List<ai.djl.nn.Parameter> headParameters() {
        return new java.util.ArrayList<>(head.getParameters().values());
    }

    /** Number of trainable values (after initialisation or loading). */
    public long parameterCount() {
        long n = 0;
        for (ai.djl.nn.Parameter p : getParameters().values()) n += p.getArray().getShape().size();
        return n;
    }

    public int width() {
        return width;
    }

    public Head head() {
        return headKind;
    }

    /** Input channels the network reads. */
    public int channels() {
        return channels;
    }

    private static Block convs(int filters) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build())
                .add(Activation::relu)
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build())
                .add(Activation::relu);
    }

    private static NDArray pool(NDArray x) {
        return Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }

    /** Nearest-neighbour 2x upsampling (N, C, H, W) -> (N, C, 2H, 2W), by broadcasting. */
    private static NDArray upsample(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        return x.reshape(n, c, h, 1, w, 1).broadcast(new Shape(n, c, h, 2, w, 2)).reshape(n, c, 2 * h, 2 * w);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray e1 = enc1.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray e2 = enc2.forward(ps, new NDList(pool(e1)), training).singletonOrThrow();
        NDArray e3 = enc3.forward(ps, new NDList(pool(e2)), training).singletonOrThrow();
        NDArray u2 = upsample(up2.forward(ps, new NDList(e3), training).singletonOrThrow());
        NDArray d2 = dec2.forward(ps, new NDList(NDArrays.concat(new NDList(u2, e2), 1)), training).singletonOrThrow();
        NDArray u1 = upsample(up1.forward(ps, new NDList(d2), training).singletonOrThrow());
        NDArray d1 = dec1.forward(ps, new NDList(NDArrays.concat(new NDList(u1, e1), 1)), training).singletonOrThrow();
        NDArray r = head.forward(ps, new NDList(d1), training).singletonOrThrow();
        NDArray m = x.get(new NDIndex(":, 4:5"));
        if (headKind == Head.BLEND) {
            // weight in (0, 1), about 0.0025 for the near-zero initial output: the result stays between morph's and
            // cubic's slices, so no weight learned where they nearly agree can blow up where they differ
            NDArray w = Activation.sigmoid(r.sub(BLEND_OFFSET));
            return new NDList(m.add(w.mul(x.get(new NDIndex(":, 6:7")).sub(m))));
        }
        return new NDList(m.add(r));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), 1, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        long n = s.get(0), h = s.get(2), w = s.get(3);
        enc1.initialize(manager, dataType, s);
        enc2.initialize(manager, dataType, new Shape(n, width, h / 2, w / 2));
        enc3.initialize(manager, dataType, new Shape(n, 2L * width, h / 4, w / 4));
        up2.initialize(manager, dataType, new Shape(n, 4L * width, h / 4, w / 4));
        dec2.initialize(manager, dataType, new Shape(n, 4L * width, h / 2, w / 2));
        up1.initialize(manager, dataType, new Shape(n, 2L * width, h / 2, w / 2));
        dec1.initialize(manager, dataType, new Shape(n, 2L * width, h, w));
        head.initialize(manager, dataType, new Shape(n, width, h, w));
    }
}
