package org.interslice.learn;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.interslice.core.synth.SliceSynthesizer;
import org.interslice.core.synth.SynthesisMethod;

/**
 * The {@code learned} method: {@link LearnedSynthesizer} with the bundled model (or the one named by
 * {@code INTERSLICE_LEARN_MODEL}). Options (method spec {@code learned:KEY=VALUE...} or
 * {@code interpolate --method-option KEY=VALUE}): {@code model=FILE}; {@code self-train[=STEPS]} (fine-tune
 * on the scan itself first, {@value LearnedSynthesizer#SELF_TRAIN_STEPS} steps without a value);
 * {@code self-train-lr=RATE}; {@code self-train-profile=slab|point}; {@code self-train-factor=K} (default:
 * the refinement factor of the run).
 */
public final class LearnedMethod implements SynthesisMethod {
    @Override
    public String name() {
        return "learned";
    }

    @Override
    public String summary() {
        return "learned: a small U-Net (CPU, libtorch via DJL) refines morph's slice from 4 neighbours and t (options: self-train[=STEPS], model=FILE)";
    }

    @Override
    public SliceSynthesizer newImageSynthesizer() {
        return new LearnedSynthesizer(null);
    }

    @Override
    public SliceSynthesizer newImageSynthesizer(Map<String, String> options) {
        LearnedSynthesizer s = new LearnedSynthesizer(options.containsKey("model") ? Path.of(options.get("model")) : null);
        // reports tell variants apart by name, and evaluate finds results by the spec: the spec as written
        // (a bare key stands for "true")
        StringBuilder label = new StringBuilder(name());
        for (Map.Entry<String, String> e : options.entrySet())
            label.append(':').append(e.getKey()).append(e.getValue().equals("true") ? "" : "=" + e.getValue());
        s.label = label.toString();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "model" -> { }
                case "self-train" -> s.selfTrainSteps = v.equals("true") ? LearnedSynthesizer.SELF_TRAIN_STEPS : positive(e.getKey(), v);
                case "self-train-lr" -> {
                    try {
                        s.selfTrainRate = Float.parseFloat(v);
                    } catch (NumberFormatException x) {
                        throw new IllegalArgumentException("learned option self-train-lr '" + v + "' is not a number");
                    }
                    if (!(s.selfTrainRate > 0) || Float.isInfinite(s.selfTrainRate))
                        throw new IllegalArgumentException("learned option self-train-lr " + v + " must be positive");
                }
                case "self-train-profile" -> {
                    try {
                        s.selfTrainProfile = SelfPairs.Profile.valueOf(v.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException x) {
                        throw new IllegalArgumentException("learned option self-train-profile '" + v + "' is not slab or point");
                    }
                }
                case "self-train-factor" -> s.selfTrainFactor = Math.max(2, positive(e.getKey(), v));
                default -> throw new IllegalArgumentException("learned has no option '" + e.getKey()
                        + "'; known: model, self-train, self-train-lr, self-train-profile, self-train-factor");
            }
        }
        return s;
    }

    private static int positive(String key, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("learned option " + key + " '" + v + "' is not a positive whole number");
    }
}
