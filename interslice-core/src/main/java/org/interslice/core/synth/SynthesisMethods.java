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

    /** A method spec split: the method's name and its options in the given order. */
    public record Spec(String name, Map<String, String> options) {
    }

    /**
     * Splits {@code name[:key=value[:key=value...]]} (e.g. {@code learned:self-train=200}); a key without
     * {@code =value} gets the value "true". IllegalArgumentException for an empty key or a repeated one.
     */
    public static Spec spec(String spec) {
        String[] parts = spec.split(":", -1);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String key = (eq < 0 ? parts[i] : parts[i].substring(0, eq)).trim();
            if (key.isEmpty()) throw new IllegalArgumentException("method spec '" + spec + "' has an empty option");
            if (options.put(key, eq < 0 ? "true" : parts[i].substring(eq + 1).trim()) != null)
                throw new IllegalArgumentException("method spec '" + spec + "' repeats option " + key);
        }
        return new Spec(parts[0].trim(), Collections.unmodifiableMap(options));
    }

    /** The method a spec (a name, optionally with options) names; IllegalArgumentException listing the known names when there is none. */
    public static SynthesisMethod get(String spec) {
        String name = spec(spec).name();
        SynthesisMethod s = all().get(name);
        if (s == null) throw new IllegalArgumentException("unknown synthesis method '" + name + "'; known: " + String.join(", ", all().keySet()));
        return s;
    }

    /** A new image synthesizer of the method a spec names, with its options; IllegalArgumentException naming the image methods when it has none. */
    public static SliceSynthesizer image(String name) {
        SliceSynthesizer s = get(name).newImageSynthesizer(spec(name).options());
        if (s == null) throw new IllegalArgumentException("method '" + name + "' does not synthesize images; image methods: " + String.join(", ", imageNames()));
        return s;
    }

    /** A new label synthesizer of the named method; IllegalArgumentException naming the label methods when it has none. */
    public static LabelSynthesizer label(String name) {
        LabelSynthesizer s = get(name).newLabelSynthesizer(spec(name).options());
        if (s == null) throw new IllegalArgumentException("method '" + name + "' does not synthesize label maps; label methods: " + String.join(", ", labelNames()));
        return s;
    }
}
