package org.interslice.core.synth;

/** The {@code morph} method: registration-based slice synthesis ({@link MorphSynthesizer}, default settings). */
public final class MorphMethod implements SynthesisMethod {
    @Override
    public String name() {
        return "morph";
    }

    @Override
    public String summary() {
        return "registration-based: TV-L1 flow both ways, neighbours moved partway and blended";
    }

    @Override
    public SliceSynthesizer newImageSynthesizer() {
        return new MorphSynthesizer();
    }
}
