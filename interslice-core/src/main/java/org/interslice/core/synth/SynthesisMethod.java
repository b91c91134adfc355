package org.interslice.core.synth;

/**
 * A named slice-synthesis method, found through {@link java.util.ServiceLoader}: a module on the class
 * path that lists an implementation in {@code META-INF/services/org.interslice.core.synth.SynthesisMethod}
 * adds a method that {@code evaluate} and {@code interpolate} offer by name, with no change to core or the
 * command line. Implementations need a public no-argument constructor and must be cheap to construct
 * (the registry instantiates every provider to list them); heavy state (models, buffers) belongs in the
 * synthesizers they make.
 *
 * <p>A method handles images, label maps, or both; the unsupported factory returns null.
 */
public interface SynthesisMethod {
    /** Unique lower-case name, as on the command line ({@code --method NAME}). */
    String name();

    /** One line for help texts and reports. */
    String summary();

    /** A new image synthesizer with the method's default settings, or null when the method has none. */
    default SliceSynthesizer newImageSynthesizer() {
        return null;
    }

    /** A new label-map synthesizer with the method's default settings, or null when the method has none. */
    default LabelSynthesizer newLabelSynthesizer() {
        return null;
    }
}
