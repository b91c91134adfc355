package org.interslice.io.dicom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a DICOM input says about where it came from, kept by the reader so that a series derived from it
 * (see {@link DicomWriter}) files under the same patient and study: the patient, study, frame of
 * reference and acquisition attributes of its first slice (as text, exactly as stored: the character set
 * is kept with them), and for every slice in stacking order its SOP Class and Instance UIDs, instance
 * number and position (for the Source Image Sequence of derived slices). Read-only once built.
 */
public final class DicomSource {
    /**
     * Attributes carried from the input to a derived series, with their VR: patient, study, frame of
     * reference, patient position, and the acquisition attributes the CT and MR image modules require
     * (PS3.3 C.7.1.1, C.7.2.1, C.7.4.1, C.8.2.1, C.8.3.1). Nothing else of the input is copied.
     */
    static final Map<Integer, String> CARRIED;
    static {
        Map<Integer, String> m = new TreeMap<>();
        m.put(0x00080005, "CS");   // Specific Character Set (the copied texts are in it)
        m.put(0x00080020, "DA");   // Study Date
        m.put(0x00080030, "TM");   // Study Time
        m.put(0x00080050, "SH");   // Accession Number
        m.put(0x00080090, "PN");   // Referring Physician's Name
        m.put(0x00081030, "LO");   // Study Description
        m.put(0x00100010, "PN");   // Patient's Name
        m.put(0x00100020, "LO");   // Patient ID
        m.put(0x00100021, "LO");   // Issuer of Patient ID
        m.put(0x00100030, "DA");   // Patient's Birth Date
        m.put(0x00100040, "CS");   // Patient's Sex
        m.put(0x00101010, "AS");   // Patient's Age
        m.put(0x00101020, "DS");   // Patient's Size
        m.put(0x00101030, "DS");   // Patient's Weight
        m.put(0x00180015, "CS");   // Body Part Examined
        m.put(0x00180020, "CS");   // Scanning Sequence (MR)
        m.put(0x00180021, "CS");   // Sequence Variant (MR)
        m.put(0x00180022, "CS");   // Scan Options (MR)
        m.put(0x00180023, "CS");   // MR Acquisition Type
        m.put(0x00180060, "DS");   // KVP (CT)
        m.put(0x00180080, "DS");   // Repetition Time (MR)
        m.put(0x00180081, "DS");   // Echo Time (MR)
        m.put(0x00180082, "DS");   // Inversion Time (MR)
        m.put(0x00180087, "DS");   // Magnetic Field Strength (MR)
        m.put(0x00180091, "IS");   // Echo Train Length (MR)
        m.put(0x00185100, "CS");   // Patient Position
        m.put(0x00200010, "SH");   // Study ID
        m.put(0x00200052, "UI");   // Frame of Reference UID
        m.put(0x00200060, "CS");   // Laterality
        m.put(0x00201040, "LO");   // Position Reference Indicator
        m.put(0x00080018, "UI");   // SOP Instance UID (per slice, for references)
        CARRIED = Collections.unmodifiableMap(m);
    }

    /** SOP Instance UID (per slice, not a series attribute). */
    static final int SOP_INSTANCE_UID = 0x00080018;

    /**
     * One input slice, in the stacking order of the volume read (index = z).
     *
     * @param frameNumber 1-based frame of a multi-frame object (several slices then share one SOP Instance UID), 0 for a single-frame file
     */
    public record Instance(String sopClassUid, String sopInstanceUid, int instanceNumber, double[] positionLps, int frameNumber) {}

    private final Map<Integer, String> attributes;
    private final List<Instance> instances;
    private final String modality, studyUid, seriesNumber, seriesDescription;

    private DicomSource(Map<Integer, String> attributes, List<Instance> instances, String modality, String studyUid,
                        String seriesNumber, String seriesDescription) {
        this.attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        this.instances = List.copyOf(instances);
        this.modality = modality;
        this.studyUid = studyUid;
        this.seriesNumber = seriesNumber;
        this.seriesDescription = seriesDescription;
    }

    /** The source of a stack read in its stacking order. */
    static DicomSource of(DicomStack s) {
        DicomHeader f = s.slices.get(0);
        Map<Integer, String> a = new TreeMap<>(f.carried);
        a.remove(SOP_INSTANCE_UID);
        List<Instance> l = new ArrayList<>();
        for (DicomHeader h : s.slices)
            l.add(new Instance(h.sopClass, h.carried.get(SOP_INSTANCE_UID), h.instanceNumber, h.ipp == null ? null : h.ipp.clone(), h.frame + 1));
        return new DicomSource(a, l, f.modality, f.studyUid, f.seriesNumber, f.seriesDescription);
    }

    /** A source from given parts (tests, or callers that know the input series from elsewhere). */
    public static DicomSource of(Map<Integer, String> attributes, List<Instance> instances, String modality, String studyUid,
                                 String seriesNumber, String seriesDescription) {
        for (Integer t : attributes.keySet())
            if (!CARRIED.containsKey(t)) throw new IllegalArgumentException(DicomParser.tagName(t) + " is not an attribute a derived series carries");
        return new DicomSource(attributes, instances, modality, studyUid, seriesNumber, seriesDescription);
    }

    /** The carried attributes (tag to text value as stored), in tag order; see {@link #CARRIED}. */
    public Map<Integer, String> attributes() {
        return attributes;
    }

    /** One carried attribute, or null when the input had none. */
    public String get(int tag) {
        return attributes.get(tag);
    }

    /** The input's slices in stacking order (index = z of the volume read). */
    public List<Instance> instances() {
        return instances;
    }

    /** Modality (CT, MR, ...), or null. */
    public String modality() {
        return modality;
    }

    /** Study Instance UID, or null. */
    public String studyUid() {
        return studyUid;
    }

    /** Series Number as stored, or null. */
    public String seriesNumber() {
        return seriesNumber;
    }

    /** Series Description, or null. */
    public String seriesDescription() {
        return seriesDescription;
    }

    /** SOP Class UID of the first slice, or null. */
    public String sopClassUid() {
        return instances.isEmpty() ? null : instances.get(0).sopClassUid();
    }
}
