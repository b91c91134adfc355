package org.interslice.io;

import java.util.List;

/**
 * How a volume being written was made from its input, for formats that record it per slice (DICOM:
 * Derivation Description, Image Comments, Source Image Sequence; see the DICOM writer). Public fields;
 * null means "not known".
 */
public final class Derivation {
    /** What one output slice (z index) is. */
    public enum Kind {
        /** A measured input slice copied through (its voxels unchanged, or only converted/moved as the comment says). */
        MEASURED,
        /** Synthesized between measured slices: not measured. */
        SYNTHESIZED,
        /** Computed from the input as a whole (resampled onto a new grid, or slices mixing measured and synthesized rows). */
        DERIVED
    }

    /**
     * One output slice.
     *
     * @param kind       measured, synthesized or derived
     * @param comment    one line for the slice (DICOM Image Comments), naming the method and source slices
     * @param derivation how it was derived (DICOM Derivation Description)
     * @param sources    indexes (z of the volume read) of the input slices it came from, in order; empty when none
     */
    public record Slice(Kind kind, String comment, String derivation, int[] sources) {
        public Slice {
            if (kind == null || comment == null || derivation == null || sources == null) throw new IllegalArgumentException("slice fields must not be null");
        }
    }

    /** The operation and its parameters, one line (e.g. "interslice 0.1.0 interpolate --method linear --spacing 1"). */
    public String description;
    /** Series description for the output (DICOM Series Description, cut to 64 characters); null: the writer's own. */
    public String seriesDescription;
    /**
     * Seed for identifiers derived deterministically from the input and the operation (DICOM UIDs): equal
     * for equal input content and operation. Null: the writer seeds from the written volume itself.
     */
    public byte[] identity;
    /**
     * Seed naming the input alone (its content), for identifiers shared by everything derived from one
     * input (a DICOM Study and Frame of Reference UID when the input was not DICOM). Null: {@link #identity}.
     */
    public byte[] inputIdentity;
    /** Per output slice (index = z), or null when no slice has its own story (every slice then DERIVED by {@link #description}). */
    public List<Slice> slices;
}
