package org.interslice.core.synth;

/**
 * The classical methods core provides, registered in {@code META-INF/services} like any plug-in.
 * Each is a tiny provider; the work is in the synthesizer classes.
 */
public final class BuiltinMethods {
    private BuiltinMethods() {
    }

    /** Closest measured slice: the staircase baseline. */
    public static final class Nearest implements SynthesisMethod {
        @Override public String name() { return "nearest"; }
        @Override public String summary() { return "closest measured slice (the staircase)"; }
        @Override public SliceSynthesizer newImageSynthesizer() { return new NearestSynthesizer(); }
        @Override public LabelSynthesizer newLabelSynthesizer() { return new LabelNearestSynthesizer(); }
    }

    /** Two-point linear blend along the slice axis. */
    public static final class Linear implements SynthesisMethod {
        @Override public String name() { return "linear"; }
        @Override public String summary() { return "two-point linear blend along the slice axis"; }
        @Override public SliceSynthesizer newImageSynthesizer() { return new LinearSynthesizer(); }
        /** Label maps: per-label indicators blended linearly, argmax (label-linear). */
        @Override public LabelSynthesizer newLabelSynthesizer() { return new LabelLinearSynthesizer(); }
    }

    /** Cubic B-spline along the slice axis with its exact prefilter. */
    public static final class Cubic implements SynthesisMethod {
        @Override public String name() { return "cubic"; }
        @Override public String summary() { return "cubic B-spline along the slice axis (exact prefilter)"; }
        @Override public SliceSynthesizer newImageSynthesizer() { return new CubicSynthesizer(); }
    }

    /** Lanczos-3 windowed sinc along the slice axis. */
    public static final class Lanczos implements SynthesisMethod {
        @Override public String name() { return "lanczos"; }
        @Override public String summary() { return "Lanczos-3 windowed sinc along the slice axis"; }
        @Override public SliceSynthesizer newImageSynthesizer() { return new LanczosSynthesizer(); }
    }

    /** Shape-based interpolation of label maps through signed distance maps. */
    public static final class Shape implements SynthesisMethod {
        @Override public String name() { return "shape"; }
        @Override public String summary() { return "label maps: shape-based interpolation of signed distance maps (Raya & Udupa 1990)"; }
        @Override public LabelSynthesizer newLabelSynthesizer() { return new ShapeBasedLabels(); }
    }
}
