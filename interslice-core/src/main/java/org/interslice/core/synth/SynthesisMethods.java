package org.interslice.core.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registry of slice-synthesis methods: every {@link SynthesisMethod} that {@link ServiceLoader} finds
 * on the class path, looked up by name. The built-in methods are listed in core's own
 * {@code META-INF/services} file like any plug-in, so there is one way to add a method.
 */
public final class SynthesisMethods {
    private static volatile Map<String, SynthesisMethod> cache;

    private SynthesisMethods() {
    }

    /** All methods by name, in class-path order (core's built-ins first). */
    public static Map<String, SynthesisMethod> all() {
        Map<String, SynthesisMethod> m = cache;
        if (m == null) {
            Map<String, SynthesisMethod> found = new LinkedHashMap<>();
            for (SynthesisMethod s : ServiceLoader.load(SynthesisMethod.class, SynthesisMethods.class.getClassLoader())) {
                SynthesisMethod before = found.putIfAbsent(s.name(), s);
                if (before != null && before.getClass() != s.getClass())
                    throw new IllegalStateException("two synthesis methods are named " + s.name() + ": "
                            + before.getClass().getName() + " and " + s.getClass().getName());
            }
            cache = m = Collections.unmodifiableMap(found);
        }
        return m;
    }

    /** Names of the methods that synthesize images. */
    public static List<String> imageNames() {
        List<String> n = new ArrayList<>();
        for (SynthesisMethod s : all().values()) if (s.newImageSynthesizer() != null) n.add(s.name());
        return n;
    }

    /** Names of the methods that synthesize label maps. */
    public static List<String> labelNames() {
        List<String> n = new ArrayList<>();
        for (SynthesisMethod s : all().values()) if (s.newLabelSynthesizer() != null) n.add(s.name());
        return n;
    }

    /** The method of that name; IllegalArgumentException listing the known names when there is none. */
    public static SynthesisMethod get(String name) {
        SynthesisMethod s = all().get(name);
        if (s == null) throw new IllegalArgumentException("unknown synthesis method '" + name + "'; known: " + String.join(", ", all().keySet()));
        return s;
    }

    /** A new image synthesizer of the named method; IllegalArgumentException naming the image methods when it has none. */
    public static SliceSynthesizer image(String name) {
        SliceSynthesizer s = get(name).newImageSynthesizer();
        if (s == null) throw new IllegalArgumentException("method '" + name + "' does not synthesize images; image methods: " + String.join(", ", imageNames()));
        return s;
    }

    /** A new label synthesizer of the named method; IllegalArgumentException naming the label methods when it has none. */
    public static LabelSynthesizer label(String name) {
        LabelSynthesizer s = get(name).newLabelSynthesizer();
        if (s == null) throw new IllegalArgumentException("method '" + name + "' does not synthesize label maps; label methods: " + String.join(", ", labelNames()));
        return s;
    }
}
