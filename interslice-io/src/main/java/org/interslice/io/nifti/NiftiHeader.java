package org.interslice.io.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.interslice.core.IntersliceException;

/**
 * The fields of a NIfTI-1 (348 bytes) or NIfTI-2 (540 bytes) header that Interslice uses, decoded into
 * doubles and longs whatever the version, and encoded back. Field offsets follow the two published
 * header layouts (nifti1.h, nifti2.h); NIfTI-2 widens every number to 64 bits and reorders fields.
 * Package-private: only {@link NiftiFormat} needs it.
 */
final class NiftiHeader {
    static final int SIZE_V1 = 348;
    static final int SIZE_V2 = 540;
    /** Header plus the 4-byte extension flag: where voxel data starts in files we write. */
    static final int DATA_OFFSET_V1 = 352;
    static final int DATA_OFFSET_V2 = 544;

    /** 1 or 2. */
    int version = 1;
    /** True for the single-file magic (n+1, n+2), false for a .hdr/.img pair (ni1, ni2). */
    boolean single = true;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    /** dim[0..7]: dim[0] is the number of used dimensions. */
    final long[] dim = new long[8];
    /** pixdim[0..7]: pixdim[0] is qfac. */
    final double[] pixdim = new double[8];
    int datatype;
    int bitpix;
    int intentCode;
    double voxOffset;
    double sclSlope = 1, sclInter;
    int xyztUnits;
    int qformCode, sformCode;
    double quaternB, quaternC, quaternD;
    final double[] qoffset = new double[3];
    /** srow_x, srow_y, srow_z: rows of the RAS sform, 12 values. */
    final double[] srow = new double[12];
    String descrip = "";
    final double[] intentP = new double[3];
    String intentName = "";
    String auxFile = "";

    /** The header size for a sizeof_hdr value read in the given order, or -1 when it is neither. */
    static int headerSize(byte[] first4, ByteOrder order) {
        int s = ByteBuffer.wrap(first4, 0, 4).order(order).getInt();
        return s == SIZE_V1 || s == SIZE_V2 ? s : -1;
    }

    /**
     * True when {@code b} (at least the first bytes of a header, possibly fewer than a whole one) starts
     * like a NIfTI-1 or NIfTI-2 header in either byte order, magic included.
     */
    static boolean looksLikeNifti(byte[] b, int n) {
        if (n < 8) return false;
        for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            int size = headerSize(b, o);
            if (size == SIZE_V2 && b[4] == 'n' && (b[5] == '+' || b[5] == 'i') && b[6] == '2' && b[7] == 0) return true;
            if (size == SIZE_V1 && n >= SIZE_V1 && b[344] == 'n' && (b[345] == '+' || b[345] == 'i') && b[346] == '1' && b[347] == 0) return true;
        }
        return false;
    }

    /**
     * Decodes a whole header ({@code b.length} is 348 or 540, byte order already detected). Checks the
     * magic; field values are checked later by the reader, which knows what it needs.
     */
    static NiftiHeader decode(byte[] b, ByteOrder order, Path file) {
        NiftiHeader h = new NiftiHeader();
        h.order = order;
        ByteBuffer bb = ByteBuffer.wrap(b).order(order);
        if (b.length == SIZE_V1) {
            h.version = 1;
            h.single = magic(b, 344, '1', file);
            for (int i = 0; i < 8; i++) h.dim[i] = bb.getShort(40 + 2 * i);
            h.intentCode = bb.getShort(68);
            for (int i = 0; i < 3; i++) h.intentP[i] = bb.getFloat(56 + 4 * i);
            h.intentName = text(b, 328, 16);
            h.auxFile = text(b, 228, 24);
            h.datatype = bb.getShort(70);
            h.bitpix = bb.getShort(72);
            for (int i = 0; i < 8; i++) h.pixdim[i] = bb.getFloat(76 + 4 * i);
            h.voxOffset = bb.getFloat(108);
            h.sclSlope = bb.getFloat(112);
            h.sclInter = bb.getFloat(116);
            h.xyztUnits = b[123] & 0xFF;
            h.descrip = text(b, 148, 80);
            h.qformCode = bb.getShort(252);
            h.sformCode = bb.getShort(254);
            h.quaternB = bb.getFloat(256);
            h.quaternC = bb.getFloat(260);
            h.quaternD = bb.getFloat(264);
            for (int i = 0; i < 3; i++) h.qoffset[i] = bb.getFloat(268 + 4 * i);
            for (int i = 0; i < 12; i++) h.srow[i] = bb.getFloat(280 + 4 * i);
        } else {
            h.version = 2;
            h.single = magic(b, 4, '2', file);
            // bytes 8..11 of the NIfTI-2 magic are \r\n\032\n, there to detect text-mode mangling
            if (b[8] != '\r' || b[9] != '\n' || b[10] != 032 || b[11] != '\n')
                throw new IntersliceException(file, "NIfTI-2 magic is damaged (file transferred in text mode?)");
            h.datatype = bb.getShort(12);
            h.bitpix = bb.getShort(14);
            for (int i = 0; i < 8; i++) h.dim[i] = bb.getLong(16 + 8 * i);
            for (int i = 0; i < 8; i++) h.pixdim[i] = bb.getDouble(104 + 8 * i);
            h.voxOffset = bb.getLong(168);
            h.sclSlope = bb.getDouble(176);
            h.sclInter = bb.getDouble(184);
            h.descrip = text(b, 240, 80);
            h.qformCode = bb.getInt(344);
            h.sformCode = bb.getInt(348);
            h.quaternB = bb.getDouble(352);
            h.quaternC = bb.getDouble(360);
            h.quaternD = bb.getDouble(368);
            for (int i = 0; i < 3; i++) h.qoffset[i] = bb.getDouble(376 + 8 * i);
            for (int i = 0; i < 12; i++) h.srow[i] = bb.getDouble(400 + 8 * i);
            h.xyztUnits = bb.getInt(500);
            h.intentCode = bb.getInt(504);
            for (int i = 0; i < 3; i++) h.intentP[i] = bb.getDouble(192 + 8 * i);
            h.intentName = text(b, 508, 16);
            h.auxFile = text(b, 320, 24);
        }
        return h;
    }

    /** Reads a "n+V\0" / "niV\0" magic; true for single-file. */
    private static boolean magic(byte[] b, int at, char version, Path file) {
        if (b[at] == 'n' && b[at + 2] == version && b[at + 3] == 0) {
            if (b[at + 1] == '+') return true;
            if (b[at + 1] == 'i') return false;
        }
        String shown = new String(b, at, 4, StandardCharsets.ISO_8859_1).replace("\0", "\\0");
        // an Analyze 7.5 header has the same size but no magic; we read NIfTI only
        throw new IntersliceException(file, "not a NIfTI-" + version + " header (magic '" + shown + "'; Analyze 7.5 is not supported)");
    }

    private static String text(byte[] b, int at, int len) {
        int n = 0;
        while (n < len && b[at + n] != 0) n++;
        return new String(b, at, n, StandardCharsets.ISO_8859_1);
    }

    /** Header size of this header's version. */
    int size() {
        return version == 1 ? SIZE_V1 : SIZE_V2;
    }

    /**
     * Encodes the header followed by the 4-byte extension flag (all zero: no extensions), in this
     * header's byte order; 352 bytes for NIfTI-1, 544 for NIfTI-2.
     */
    byte[] encode() {
        byte[] b = new byte[version == 1 ? DATA_OFFSET_V1 : DATA_OFFSET_V2];
        ByteBuffer bb = ByteBuffer.wrap(b).order(order);
        byte[] d = descrip.getBytes(StandardCharsets.ISO_8859_1);
        byte[] in = intentName.getBytes(StandardCharsets.ISO_8859_1), aux = auxFile.getBytes(StandardCharsets.ISO_8859_1);
        if (version == 1) {
            for (int i = 0; i < 3; i++) bb.putFloat(56 + 4 * i, (float) intentP[i]);
            System.arraycopy(in, 0, b, 328, Math.min(in.length, 15));
            System.arraycopy(aux, 0, b, 228, Math.min(aux.length, 23));
            bb.putInt(0, SIZE_V1);
            for (int i = 0; i < 8; i++) bb.putShort(40 + 2 * i, (short) dim[i]);
            bb.putShort(68, (short) intentCode);
            bb.putShort(70, (short) datatype);
            bb.putShort(72, (short) bitpix);
            for (int i = 0; i < 8; i++) bb.putFloat(76 + 4 * i, (float) pixdim[i]);
            bb.putFloat(108, (float) voxOffset);
            bb.putFloat(112, (float) sclSlope);
            bb.putFloat(116, (float) sclInter);
            b[123] = (byte) xyztUnits;
            System.arraycopy(d, 0, b, 148, Math.min(d.length, 79));
            bb.putShort(252, (short) qformCode);
            bb.putShort(254, (short) sformCode);
            bb.putFloat(256, (float) quaternB);
            bb.putFloat(260, (float) quaternC);
            bb.putFloat(264, (float) quaternD);
            for (int i = 0; i < 3; i++) bb.putFloat(268 + 4 * i, (float) qoffset[i]);
            for (int i = 0; i < 12; i++) bb.putFloat(280 + 4 * i, (float) srow[i]);
            byte[] m = {'n', (byte) (single ? '+' : 'i'), '1', 0};
            System.arraycopy(m, 0, b, 344, 4);
        } else {
            bb.putInt(0, SIZE_V2);
            byte[] m = {'n', (byte) (single ? '+' : 'i'), '2', 0, '\r', '\n', 032, '\n'};
            System.arraycopy(m, 0, b, 4, 8);
            bb.putShort(12, (short) datatype);
            bb.putShort(14, (short) bitpix);
            for (int i = 0; i < 8; i++) bb.putLong(16 + 8 * i, dim[i]);
            for (int i = 0; i < 8; i++) bb.putDouble(104 + 8 * i, pixdim[i]);
            bb.putLong(168, (long) voxOffset);
            bb.putDouble(176, sclSlope);
            bb.putDouble(184, sclInter);
            System.arraycopy(d, 0, b, 240, Math.min(d.length, 79));
            bb.putInt(344, qformCode);
            bb.putInt(348, sformCode);
            bb.putDouble(352, quaternB);
            bb.putDouble(360, quaternC);
            bb.putDouble(368, quaternD);
            for (int i = 0; i < 3; i++) bb.putDouble(376 + 8 * i, qoffset[i]);
            for (int i = 0; i < 12; i++) bb.putDouble(400 + 8 * i, srow[i]);
            bb.putInt(500, xyztUnits);
            bb.putInt(504, intentCode);
            for (int i = 0; i < 3; i++) bb.putDouble(192 + 8 * i, intentP[i]);
            System.arraycopy(in, 0, b, 508, Math.min(in.length, 15));
            System.arraycopy(aux, 0, b, 320, Math.min(aux.length, 23));
        }
        return b;
    }
}
