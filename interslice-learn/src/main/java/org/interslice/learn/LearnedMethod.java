package org.interslice.learn;

import org.interslice.core.synth.SliceSynthesizer;
import org.interslice.core.synth.SynthesisMethod;

/** The {@code learned} method: {@link LearnedSynthesizer} with the bundled model (or the one named by {@code INTERSLICE_LEARN_MODEL}). */
public final class LearnedMethod implements SynthesisMethod {
    @Override
    public String name() {
        return "learned";
    }

    @Override
    public String summary() {
        return "learned: a small U-Net (CPU, libtorch via DJL) refines the linear blend from 4 neighbours and t";
    }

    @Override
    public SliceSynthesizer newImageSynthesizer() {
        return new LearnedSynthesizer(null);
    }
}
