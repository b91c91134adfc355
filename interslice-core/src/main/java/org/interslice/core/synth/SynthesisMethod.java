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
 *
 * <p>Options: a method spec {@code name:key=value:key=value} (see {@link SynthesisMethods#spec}) hands the
 * options to the {@code Map} factories; a method without options keeps the defaults, which refuse any.
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

    /**
     * A new image synthesizer with these options (keys and values as given in the spec), or null when the
     * method has no image variant. IllegalArgumentException for an unknown key or a bad value; the default
     * accepts no options.
     */
    default SliceSynthesizer newImageSynthesizer(java.util.Map<String, String> options) {
        if (!options.isEmpty()) throw new IllegalArgumentException("method '" + name() + "' takes no options (given: " + String.join(", ", options.keySet()) + ")");
        return newImageSynthesizer();
    }

    /** As {@link #newImageSynthesizer(java.util.Map)} for label maps. */
    default LabelSynthesizer newLabelSynthesizer(java.util.Map<String, String> options) {
        if (!options.isEmpty()) throw new IllegalArgumentException("method '" + name() + "' takes no options (given: " + String.join(", ", options.keySet()) + ")");
        return newLabelSynthesizer();
    }
}
