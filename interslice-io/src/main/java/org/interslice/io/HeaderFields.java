package org.interslice.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Header fields beyond the geometry and voxels that a file carries and a writer can keep: the NIfTI
 * codes and texts FSL/SPM pipelines rely on, plus a free-text description and key-value notes that
 * the NIfTI, NRRD and MetaImage writers store. Public fields; null means "not given" (the writer's default).
 *
 * <p>Read side: pass one as {@link ReadOptions#header} and the reader fills in what the file says.
 * Write side: {@link WriteOptions#header}. NIfTI writes the codes, intent, aux_file and units as given
 * (a label map always gets intent 1002) and the description and notes in {@code descrip} (80 bytes:
 * {@code description; key=value; ...}, cut to fit). NRRD writes them as {@code key:=value} fields
 * and the description as {@code content:}, MetaImage as {@code Key = Value} lines and the description as
 * {@code Comment}; both readers return their unknown key-value fields as notes. TIFF stacks store none of these.
 */
public final class HeaderFields {
    /** NIfTI sform_code (0 unknown, 1 scanner, 2 aligned, 3 Talairach, 4 MNI, 5 template). */
    public Integer sformCode;
    /** NIfTI qform_code (same codes). */
    public Integer qformCode;
    /** NIfTI intent_code (e.g. 1002 label map). */
    public Integer intentCode;
    /** NIfTI intent_p1..p3; null when not given. */
    public double[] intentParams;
    /** NIfTI intent_name (up to 15 characters). */
    public String intentName;
    /** NIfTI aux_file (up to 23 characters). */
    public String auxFile;
    /** NIfTI xyzt_units byte (spatial | temporal unit codes). */
    public Integer xyztUnits;
    /** Free text describing the volume (NIfTI descrip, NRRD/MetaImage "description"). */
    public String description;
    /**
     * What a DICOM input says about its patient, study and slices (filled by the DICOM reader, used by the
     * DICOM writer so a derived series files under the same study); null for other inputs.
     */
    public org.interslice.io.dicom.DicomSource dicom;
    /** Key-value notes, kept in order (e.g. which slices were synthesized). Keys: letters, digits, '_', '-', '.'. */
    public final Map<String, String> notes = new LinkedHashMap<>();

    /** True when nothing is set. */
    public boolean isEmpty() {
        return sformCode == null && qformCode == null && intentCode == null && intentParams == null && intentName == null
                && auxFile == null && xyztUnits == null && description == null && dicom == null && notes.isEmpty();
    }

    /** A copy (arrays and the note map copied). */
    public HeaderFields copy() {
        HeaderFields h = new HeaderFields();
        h.sformCode = sformCode;
        h.qformCode = qformCode;
        h.intentCode = intentCode;
        h.intentParams = intentParams == null ? null : intentParams.clone();
        h.intentName = intentName;
        h.auxFile = auxFile;
        h.xyztUnits = xyztUnits;
        h.description = description;
        h.dicom = dicom;   // immutable
        h.notes.putAll(notes);
        return h;
    }

    /**
     * A copy of this with every field {@code over} sets replacing this one's, and {@code over}'s notes
     * added after this one's (same key: {@code over} wins). Neither is modified.
     */
    public HeaderFields mergedWith(HeaderFields over) {
        HeaderFields h = copy();
        if (over == null) return h;
        if (over.sformCode != null) h.sformCode = over.sformCode;
        if (over.qformCode != null) h.qformCode = over.qformCode;
        if (over.intentCode != null) h.intentCode = over.intentCode;
        if (over.intentParams != null) h.intentParams = over.intentParams.clone();
        if (over.intentName != null) h.intentName = over.intentName;
        if (over.auxFile != null) h.auxFile = over.auxFile;
        if (over.xyztUnits != null) h.xyztUnits = over.xyztUnits;
        if (over.description != null) h.description = over.description;
        if (over.dicom != null) h.dicom = over.dicom;
        h.notes.putAll(over.notes);
        return h;
    }

    /**
     * Adds a note; IllegalArgumentException for a key that is empty or holds characters other than
     * letters, digits, '_', '-', '.', or a value with a line break (both must fit every format's header).
     */
    public HeaderFields note(String key, String value) {
        checkNote(key, value);
        notes.put(key, value);
        return this;
    }

    /** Throws IllegalArgumentException when a note would not fit a header line. */
    public static void checkNote(String key, String value) {
        if (key == null || key.isEmpty() || !key.matches("[A-Za-z0-9_.\\-]+"))
            throw new IllegalArgumentException("note key '" + key + "' must be letters, digits, '_', '-' or '.'");
        if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)
            throw new IllegalArgumentException("note value for '" + key + "' must be one line");
    }

    /**
     * The description and notes as one line, {@code description; key=value; ...}, at most
     * {@code maxBytes} ASCII bytes (cut at the end); non-ASCII characters become '?'.
     */
    public String descripLine(int maxBytes) {
        StringBuilder sb = new StringBuilder();
        if (description != null) sb.append(description);
        for (Map.Entry<String, String> e : notes.entrySet()) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sb.length() && out.length() < maxBytes; i++) {
            char c = sb.charAt(i);
            out.append(c >= 32 && c < 127 ? c : '?');
        }
        return out.toString();
    }
}
