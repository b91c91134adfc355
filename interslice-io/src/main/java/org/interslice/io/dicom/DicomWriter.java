package org.interslice.io.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.Derivation;
import org.interslice.io.WriteOptions;

/**
 * Writes a volume as a DICOM series: a folder with one PS3.10 file per z slice ({@code 0001.dcm}, ...),
 * Explicit VR Little Endian, written into a hidden temporary folder that {@link AtomicFiles} renames into
 * place once every file is complete and flushed.
 *
 * <p><b>What each file holds.</b> SOP Class CT Image Storage when the input was CT, MR Image Storage when
 * it was MR, else Secondary Capture Image Storage (with the image plane attributes, as ITK/GDCM write it),
 * Modality copied or OT. Image Type DERIVED\SECONDARY. Patient, study, frame of reference, patient
 * position and the acquisition attributes the CT/MR modules require are copied from a DICOM input
 * ({@link DicomSource}); the Study Instance UID and Frame of Reference UID are the input's, so the result
 * files under the same study and overlays it. New Series and SOP Instance UIDs (and Study / Frame of
 * Reference UIDs for other inputs) are derived from the derivation's identity ({@link DicomUids}), so a
 * re-run writes the same UIDs (and the same bytes: no dates or times of the run are written). Geometry:
 * Image Position (Patient) of voxel (0,0,k) per slice, Image Orientation from the volume's first two axes,
 * Pixel Spacing (rows, columns), Spacing Between Slices and Slice Thickness (both the step along the slice
 * normal; the thickness is the smallest step for unevenly spaced slices), Slice Location. Values: see
 * {@link DicomStorage}. Each slice's {@link Derivation.Slice} gives its Image Comments, Derivation
 * Description and Source Image Sequence (Referenced SOP Class/Instance UIDs of the input slices it came from).
 *
 * <p>Refused: in-plane axes that are not perpendicular (DICOM rows and columns are), more than 65535 rows or
 * columns.
 */
final class DicomWriter {
    static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2", MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4", SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    /** Our implementation class UID (PS3.7 D.3.3.2), derived once like the others. */
    static final String IMPLEMENTATION_UID = DicomUids.derive("org.interslice".getBytes(StandardCharsets.US_ASCII), "implementation class");
    static final String VERSION = "0.1.0";

    private DicomWriter() {}

    /** What every slice of one series shares. */
    private record Series(Volume v, DicomSource src, Derivation der, DicomStorage values, String sopClass, String modality,
                          byte[] identity, String studyUid, String seriesUid, String frameUid, String seriesNumber, String seriesDescription,
                          double[] row, double[] col, double[] normal, double thickness, double spacingBetween) {}

    static void write(Volume v, Path path, AtomicFiles out, WriteOptions options) {
        Series s = series(v, path, options);
        Path folder = out.openFolder(path);
        int width = Math.max(4, String.valueOf(v.nz()).length());
        options.job.forEachSlab("write DICOM", v.nz(), k -> {
            byte[] file = slice(s, k);
            Path f = folder.resolve(String.format(Locale.ROOT, "%0" + width + "d.dcm", k + 1));
            try {
                AtomicFiles.writeNew(f, file);   // flushed: the folder's rename is atomic; its files must be on disk before it
            } catch (IOException e) {
                throw AtomicFiles.cannotWrite(path, e);
            }
        });
    }

    private static Series series(Volume v, Path path, WriteOptions o) {
        if (v.nx() > 65535 || v.ny() > 65535) throw new IntersliceException(path, "DICOM images hold at most 65535 rows and columns (" + v.nx() + " x " + v.ny() + ")");
        Geometry g = v.geometry();
        double[] d = g.direction();
        double[] row = {d[0], d[3], d[6]}, col = {d[1], d[4], d[7]};
        if (Math.abs(Geometry.dot(row, col)) > 1e-6)
            throw new IntersliceException(path, "the volume's in-plane axes are not perpendicular (sheared in-plane): DICOM rows and columns must be; resample it first");
        double[] n = Geometry.cross(row, col);
        DicomSource src = o.header == null ? null : o.header.dicom;
        Derivation der = o.derivation;
        if (der != null && der.slices != null && der.slices.size() != v.nz())
            throw new IllegalArgumentException(der.slices.size() + " slice derivations for " + v.nz() + " slices");
        String modality = src != null && src.modality() != null && !src.modality().isEmpty() ? src.modality() : "OT";
        String srcClass = src == null ? null : src.sopClassUid();
        String sop = "CT".equals(modality) || CT_IMAGE.equals(srcClass) ? CT_IMAGE : "MR".equals(modality) || MR_IMAGE.equals(srcClass) ? MR_IMAGE : SECONDARY_CAPTURE;
        byte[] identity = der != null && der.identity != null ? der.identity : DicomUids.seed(v, "write");
        byte[] inputIdentity = der != null && der.inputIdentity != null ? der.inputIdentity : identity;
        String study = src != null && DicomUids.valid(src.studyUid()) ? src.studyUid() : DicomUids.derive(inputIdentity, "study");
        String frame = src != null && DicomUids.valid(src.get(0x00200052)) ? src.get(0x00200052) : DicomUids.derive(inputIdentity, "frame of reference");
        String number = "1001";
        if (src != null && src.seriesNumber() != null) {
            try {
                long sn = Long.parseLong(src.seriesNumber().trim());
                if (sn >= 0 && sn < 1_000_000_000L) number = String.valueOf(sn + 1000);
            } catch (NumberFormatException ignored) {
                // not a number: keep the default
            }
        }
        String description = der != null && der.seriesDescription != null ? der.seriesDescription : "interslice derived";
        // thickness and spacing: the step between slice planes along the normal
        double[] pos = new double[v.nz()];
        double[] w = new double[3];
        for (int k = 0; k < v.nz(); k++) pos[k] = Geometry.dot(g.indexToWorld(0, 0, k, w), n);
        double smallest = Double.POSITIVE_INFINITY;
        for (int k = 1; k < v.nz(); k++) smallest = Math.min(smallest, Math.abs(pos[k] - pos[k - 1]));
        double thickness = v.nz() > 1 ? smallest : g.spacing(2) * Math.abs(d[2] * n[0] + d[5] * n[1] + d[8] * n[2]);
        double between = v.nz() > 1 && g.uniformSlices() ? Math.abs(pos[v.nz() - 1] - pos[0]) / (v.nz() - 1) : Double.NaN;
        return new Series(v, src, der, DicomStorage.of(v), sop, modality, identity, study, DicomUids.derive(identity, "series"), frame,
                number, description, row, col, n, thickness, between);
    }

    /** The whole PS3.10 file of slice {@code k}. */
    private static byte[] slice(Series s, int k) {
        Volume v = s.v;
        DicomStorage val = s.values;
        String instance = DicomUids.derive(s.identity, "instance " + (k + 1));
        DicomElements e = new DicomElements();
        DicomSource src = s.src;
        if (src != null) for (java.util.Map.Entry<Integer, String> a : src.attributes().entrySet()) {
            int tag = a.getKey();
            boolean mr = (tag >= 0x00180020 && tag <= 0x00180023) || (tag >= 0x00180080 && tag <= 0x00180091);
            if (mr && !MR_IMAGE.equals(s.sopClass)) continue;
            if (tag == 0x00180060 && !CT_IMAGE.equals(s.sopClass)) continue;
            e.text(tag, DicomSource.CARRIED.get(tag), a.getValue());
        }
        // type 2 attributes: present, empty when the input did not say
        for (int t : new int[] {0x00080020, 0x00080030, 0x00080050, 0x00080090, 0x00100010, 0x00100020, 0x00100030, 0x00100040, 0x00200010, 0x00201040})
            if (src == null || src.get(t) == null) e.text(t, DicomSource.CARRIED.get(t), "");
        if (MR_IMAGE.equals(s.sopClass)) {
            if (src == null || src.get(0x00180020) == null) e.text(0x00180020, "CS", "RM");   // type 1: research mode
            if (src == null || src.get(0x00180021) == null) e.text(0x00180021, "CS", "NONE");
            for (int t : new int[] {0x00180022, 0x00180023, 0x00180080, 0x00180081, 0x00180091})   // type 2 (Repetition Time 2C)
                if (src == null || src.get(t) == null) e.text(t, DicomSource.CARRIED.get(t), "");
        }
        if (CT_IMAGE.equals(s.sopClass)) {
            if (src == null || src.get(0x00180060) == null) e.text(0x00180060, "DS", "");   // KVP, type 2
            e.text(0x00200012, "IS", "");   // Acquisition Number, type 2
        }
        if (!SECONDARY_CAPTURE.equals(s.sopClass) && (src == null || src.get(0x00185100) == null)) e.text(0x00185100, "CS", "");
        // value 3 is required for CT (AXIAL: a cross-sectional image) and MR (OTHER: none of the defined maps)
        e.text(0x00080008, "CS", "DERIVED\\SECONDARY" + (CT_IMAGE.equals(s.sopClass) ? "\\AXIAL" : MR_IMAGE.equals(s.sopClass) ? "\\OTHER" : ""));
        e.text(0x00080016, "UI", s.sopClass);
        e.text(0x00080018, "UI", instance);
        e.text(0x00080060, "CS", s.modality);
        if (SECONDARY_CAPTURE.equals(s.sopClass)) {
            e.text(0x00080064, "CS", "WSD");   // conversion type: workstation
        }
        // Laterality (type 2C, needed for paired body parts): copied; empty when even the body part is unknown
        if (src == null || (src.get(0x00200060) == null && src.get(0x00180015) == null)) e.text(0x00200060, "CS", "");
        e.text(0x00080070, "LO", "Interslice");
        e.text(0x0008103E, "LO", cut(s.seriesDescription, 64));
        e.text(0x00081090, "LO", "interslice");
        e.text(0x00181020, "LO", "interslice " + VERSION);
        e.text(0x0020000D, "UI", s.studyUid);
        e.text(0x0020000E, "UI", s.seriesUid);
        e.text(0x00200011, "IS", s.seriesNumber);
        e.text(0x00200013, "IS", String.valueOf(k + 1));
        e.text(0x00200020, "CS", letters(s.row) + "\\" + letters(s.col));
        double[] ipp = v.geometry().indexToWorld(0, 0, k, new double[3]);
        e.ds(0x00200032, ipp);
        e.ds(0x00200037, s.row[0], s.row[1], s.row[2], s.col[0], s.col[1], s.col[2]);
        e.text(0x00200052, "UI", s.frameUid);
        e.ds(0x00201041, Geometry.dot(ipp, s.normal));
        e.ds(0x00180050, s.thickness);
        if (Double.isFinite(s.spacingBetween)) e.ds(0x00180088, s.spacingBetween);
        derivation(e, s, k);
        e.us(0x00280002, 1);
        e.text(0x00280004, "CS", "MONOCHROME2");
        e.us(0x00280010, v.ny());
        e.us(0x00280011, v.nx());
        e.ds(0x00280030, v.geometry().spacing(1), v.geometry().spacing(0));   // between rows (along j), between columns (along i)
        e.us(0x00280100, val.bits());
        e.us(0x00280101, val.bits());
        e.us(0x00280102, val.bits() - 1);
        e.us(0x00280103, val.signed() ? 1 : 0);
        e.ds(0x00281050, (val.min() + val.max()) / 2);
        e.ds(0x00281051, Math.max(1, val.max() - val.min()));
        if (!MR_IMAGE.equals(s.sopClass) || val.slope() != 1 || val.intercept() != 0) {
            // the MR image IOD has no rescale: written only when the values need one (a standard extended SOP class)
            e.ds(0x00281052, val.intercept());
            e.ds(0x00281053, val.slope());
            e.text(0x00281054, "LO", CT_IMAGE.equals(s.sopClass) ? "HU" : "US");
        }
        byte[] pixels = new byte[v.nx() * v.ny() * val.bits() / 8];
        val.store(v, k, new double[v.nx()], pixels);
        e.raw(0x7FE00010, "OW", pixels);
        return file(s.sopClass, instance, e);
    }

    /** Image Comments, Derivation Description and Source Image Sequence of slice {@code k}. */
    private static void derivation(DicomElements e, Series s, int k) {
        Derivation.Slice sl = s.der == null || s.der.slices == null ? null : s.der.slices.get(k);
        String what = s.der != null && s.der.description != null ? s.der.description : "interslice " + VERSION + " write";
        if (sl == null) {
            e.text(0x00082111, "ST", cut(what, 1024));
            e.text(0x00204000, "LT", cut("DERIVED: " + what, 10240));
            return;
        }
        e.text(0x00082111, "ST", cut(sl.derivation(), 1024));
        e.text(0x00204000, "LT", cut(sl.comment(), 10240));
        List<DicomElements> refs = new ArrayList<>();
        if (s.src != null) for (int i : sl.sources()) {
            if (i < 0 || i >= s.src.instances().size()) continue;
            DicomSource.Instance in = s.src.instances().get(i);
            if (!DicomUids.valid(in.sopInstanceUid()) || !DicomUids.valid(in.sopClassUid())) continue;
            DicomElements ref = new DicomElements().text(0x00081150, "UI", in.sopClassUid()).text(0x00081155, "UI", in.sopInstanceUid());
            if (in.frameNumber() > 0) ref.text(0x00081160, "IS", String.valueOf(in.frameNumber()));   // Referenced Frame Number
            refs.add(ref);
        }
        if (!refs.isEmpty()) e.sequence(0x00082112, refs);
    }

    /** Preamble, "DICM", the file meta group and the dataset. */
    private static byte[] file(String sopClass, String instance, DicomElements data) {
        DicomElements meta = new DicomElements();
        meta.raw(0x00020001, "OB", new byte[] {0, 1});
        meta.text(0x00020002, "UI", sopClass);
        meta.text(0x00020003, "UI", instance);
        meta.text(0x00020010, "UI", EXPLICIT_LE);
        meta.text(0x00020012, "UI", IMPLEMENTATION_UID);
        meta.text(0x00020013, "SH", "INTERSLICE_" + VERSION.replace(".", ""));
        byte[] m = meta.encode();
        byte[] d = data.encode();
        byte[] groupLength = new DicomElements().raw(0x00020000, "UL", DicomElements.le32(m.length)).encode();
        byte[] out = new byte[132 + groupLength.length + m.length + d.length];
        out[128] = 'D';
        out[129] = 'I';
        out[130] = 'C';
        out[131] = 'M';
        System.arraycopy(groupLength, 0, out, 132, groupLength.length);
        System.arraycopy(m, 0, out, 132 + groupLength.length, m.length);
        System.arraycopy(d, 0, out, 132 + groupLength.length + m.length, d.length);
        return out;
    }

    /** Patient Orientation letters of a direction (LPS): strongest component first, components above 0.01. */
    static String letters(double[] dir) {
        Integer[] axes = {0, 1, 2};
        java.util.Arrays.sort(axes, (a, b) -> Double.compare(Math.abs(dir[b]), Math.abs(dir[a])));
        StringBuilder sb = new StringBuilder();
        for (int a : axes) {
            if (Math.abs(dir[a]) < 0.01) continue;
            sb.append(dir[a] > 0 ? "LPH".charAt(a) : "RAF".charAt(a));
        }
        return sb.toString();
    }

    private static String cut(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c == '\\' || c < 32 && c != '\n' ? ' ' : c);
        }
        return b.toString();
    }
}
