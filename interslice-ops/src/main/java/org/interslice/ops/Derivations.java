package org.interslice.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.interslice.core.synth.Interpolation;
import org.interslice.core.synth.SlicePlan;
import org.interslice.core.volume.Volume;
import org.interslice.io.Derivation;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.dicom.DicomFormat;
import org.interslice.io.dicom.DicomSource;
import org.interslice.io.dicom.DicomUids;

/**
 * What each operation tells a DICOM output about how its slices were made ({@link Derivation}): the
 * operation line, a seed for deterministic UIDs from the input's content and the operation's parameters,
 * and per output slice whether it is a measured input slice copied through (and which) or synthesized
 * (by which method, between which two input slices).
 */
final class Derivations {
    private Derivations() {}

    /** True when {@code out} (in {@code format}, null: by extension) is written as DICOM: only then is a derivation worth its hash. */
    static boolean dicom(Path out, String format) {
        return Formats.forWriting(out, format) instanceof DicomFormat;
    }

    /** {@code convert}: every slice is input slice k, voxels unchanged (or converted to {@code type}). */
    static Derivation convert(Volume input, HeaderFields header, String parameters, String converted) {
        Derivation d = seeded(input, "convert " + parameters);
        String op = "interslice " + Provenance.VERSION + " convert";
        d.description = op + (converted == null ? ": voxels and geometry unchanged" : ": geometry unchanged, " + converted);
        d.seriesDescription = described(header, "converted");
        DicomSource src = header == null ? null : header.dicom;
        List<Derivation.Slice> l = new ArrayList<>();
        int nz = input.nz();
        for (int k = 0; k < nz; k++) {
            String which = inputSlice(src, k, nz);
            l.add(new Derivation.Slice(Derivation.Kind.MEASURED,
                    "COPY of " + which + (converted == null ? ", voxels unchanged" : ", " + converted) + " (" + op + ")",
                    op + ": copied from " + which, new int[] {k}));
        }
        d.slices = l;
        return d;
    }

    /**
     * {@code interpolate}: per output slice from the plan when slices lie along z (a measured copy names
     * its input slice, a synthesized one its method and two neighbours); along x or y every DICOM image
     * mixes measured and synthesized rows and says so.
     *
     * @param outputSlices slices (z) of the volume written
     * @param detilted true when the result was moved in-plane onto an orthogonal grid (measured slices then are not bit-exact copies)
     */
    static Derivation interpolate(Volume input, HeaderFields header, Interpolation r, int outputSlices, String parameters, boolean detilted) {
        Derivation d = seeded(input, "interpolate " + parameters);
        SlicePlan p = r.plan();
        String op = "interslice " + Provenance.VERSION + " interpolate";
        d.description = String.format(Locale.ROOT, "%s (%s, %s): %d of %d slices synthesized", op, r.method(), parameters, p.synthesizedCount(), p.size());
        d.seriesDescription = described(header, String.format(Locale.ROOT, "interpolated %s %.4g mm", r.method(), p.spacingMm()));
        DicomSource src = header == null ? null : header.dicom;
        int n = p.measuredCount();
        double[] mm = p.measuredMm();
        List<Derivation.Slice> l = new ArrayList<>();
        if (p.axis() != 2) {
            for (int k = 0; k < outputSlices; k++)
                l.add(new Derivation.Slice(Derivation.Kind.DERIVED, String.format(Locale.ROOT,
                        "CONTAINS SYNTHESIZED DATA: slices along the %s axis were synthesized by %s (%s); this image mixes measured and synthesized rows",
                        Provenance.axisName(p.axis()), r.method(), op), d.description, new int[0]));
            d.slices = l;
            return d;
        }
        for (int j = 0; j < p.size(); j++) {
            int m = p.measured(j);
            if (m >= 0) {
                String which = inputSlice(src, m, n) + String.format(Locale.ROOT, " at %.3f mm", mm[m]);
                String how = detilted ? "moved in-plane onto the de-tilted grid (linear), not synthesized" : "voxels unchanged, not synthesized";
                l.add(new Derivation.Slice(Derivation.Kind.MEASURED, "MEASURED slice: " + which + ", " + how + " (" + op + ")",
                        op + ": measured slice copied from " + which, new int[] {m}));
            } else {
                int a = p.gap(j), b = a + 1;
                String between = String.format(Locale.ROOT, "%s at %.3f mm and %s at %.3f mm, t = %.4f", inputSlice(src, a, n), mm[a],
                        inputSlice(src, b, n), mm[b], p.t(j));
                l.add(new Derivation.Slice(Derivation.Kind.SYNTHESIZED,
                        "SYNTHESIZED slice, not measured: " + op + ", method " + r.method() + ", between " + between
                                + String.format(Locale.ROOT, " (this slice at %.3f mm)", p.positionMm(j)),
                        op + ": synthesized by " + r.method() + " between " + between, new int[] {a, b}));
            }
        }
        d.slices = l;
        return d;
    }

    /** {@code resample}: every slice resampled from the whole input (no per-slice source). */
    static Derivation resample(Volume input, HeaderFields header, String parameters) {
        Derivation d = seeded(input, "resample " + parameters);
        d.description = "interslice " + Provenance.VERSION + " resample (" + parameters + "): every slice resampled from the input volume";
        d.seriesDescription = described(header, "resampled");
        return d;
    }

    /** Seeds from the input's content (and for DICOM inputs the instance UIDs), then the operation. */
    private static Derivation seeded(Volume input, String operation) {
        Derivation d = new Derivation();
        d.inputIdentity = DicomUids.seed(input, "input");
        d.identity = DicomUids.seed(d.inputIdentity, operation);
        return d;
    }

    /** "input slice 3 of 28 (instance 3)", 1-based. */
    private static String inputSlice(DicomSource src, int k, int n) {
        String s = "input slice " + (k + 1) + " of " + n;
        if (src != null && k < src.instances().size()) {
            DicomSource.Instance in = src.instances().get(k);
            String i = in.instanceNumber() != Integer.MIN_VALUE ? "instance " + in.instanceNumber() : "";
            if (in.frameNumber() > 0) i += (i.isEmpty() ? "" : " ") + "frame " + in.frameNumber();
            if (!i.isEmpty()) s += " (" + i + ")";
        }
        return s;
    }

    private static String described(HeaderFields header, String what) {
        String base = header != null && header.dicom != null && header.dicom.seriesDescription() != null ? header.dicom.seriesDescription().trim() : "";
        String tail = "(interslice " + what + ")";
        base = base.substring(0, Math.max(0, Math.min(base.length(), 63 - tail.length())));   // Series Description holds 64 characters
        return (base.isEmpty() ? "" : base + " ") + tail;
    }
}
