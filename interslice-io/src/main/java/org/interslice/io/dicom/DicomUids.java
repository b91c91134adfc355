package org.interslice.io.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;

/**
 * Deterministic DICOM UIDs: {@code 2.25.} followed by the decimal value of a 128-bit UUID (PS3.5 B.2,
 * ISO/IEC 9834-8), where the UUID is made from a SHA-256 hash of a seed and a role (RFC 9562 version 8,
 * "custom": the first 16 bytes of the hash with the version and variant bits set). The same seed and role
 * always give the same UID, so re-running an operation on the same input gives the same Study, Series and
 * SOP Instance UIDs; any change of the input's content or of the operation gives new ones. A UID is at
 * most 4 + 39 = 43 characters (the limit is 64), digits and dots, no component with a leading zero.
 */
public final class DicomUids {
    private DicomUids() {}

    /** The UID of {@code role} (e.g. "series", "instance 12") under {@code seed}. */
    public static String derive(byte[] seed, String role) {
        MessageDigest md = sha256();
        md.update(seed);
        md.update((byte) 0);
        md.update(role.getBytes(StandardCharsets.UTF_8));
        byte[] h = md.digest();
        byte[] u = java.util.Arrays.copyOf(h, 16);
        u[6] = (byte) ((u[6] & 0x0F) | 0x80);   // version 8 (custom)
        u[8] = (byte) ((u[8] & 0x3F) | 0x80);   // variant 10 (RFC 4122/9562)
        return "2.25." + new BigInteger(1, u).toString();
    }

    /** True when {@code uid} is a valid UID: 1..64 characters, digits and dots, no empty component, no leading zero. */
    public static boolean valid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 64) return false;
        for (String c : uid.split("\\.", -1)) {
            if (c.isEmpty() || (c.length() > 1 && c.charAt(0) == '0')) return false;
            for (int i = 0; i < c.length(); i++) if (c.charAt(i) < '0' || c.charAt(i) > '9') return false;
        }
        return true;
    }

    /**
     * A seed naming a volume's content: size, voxel type, geometry (every slice origin) and every voxel
     * value, hashed (SHA-256), followed by {@code operation} (what was done to it, with its parameters).
     * One pass over the voxels, no copy of the volume.
     */
    public static byte[] seed(Volume v, String operation) {
        MessageDigest md = sha256();
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(v.nx()).putInt(v.ny()).putInt(v.nz()).putInt(v.type().ordinal());
        Geometry g = v.geometry();
        double[] w = new double[3];
        for (double a : g.affine()) b.putDouble(a);
        for (int k = 0; k < v.nz(); k++) {
            if (b.remaining() < 24) flush(md, b);
            g.indexToWorld(0, 0, k, w);
            for (double x : w) b.putDouble(x);
        }
        Object data = v.array();
        int n = v.voxelCount();
        for (int i = 0; i < n; ) {
            if (b.remaining() < 8) flush(md, b);
            int room = b.remaining() / 8, end = Math.min(n, i + room);
            if (data instanceof byte[] a) b.put(a, i, end - i);
            else if (data instanceof short[] a) for (int j = i; j < end; j++) b.putShort(a[j]);
            else if (data instanceof int[] a) for (int j = i; j < end; j++) b.putInt(a[j]);
            else if (data instanceof float[] a) for (int j = i; j < end; j++) b.putFloat(a[j]);
            else if (data instanceof double[] a) for (int j = i; j < end; j++) b.putDouble(a[j]);
            else throw new IllegalArgumentException("unknown voxel array " + data.getClass());
            i = end;
        }
        flush(md, b);
        md.update(operation.getBytes(StandardCharsets.UTF_8));
        return md.digest();
    }

    /** A seed from parts (e.g. an input seed and the UIDs of a DICOM input's instances). */
    public static byte[] seed(byte[] first, String... more) {
        MessageDigest md = sha256();
        md.update(first);
        for (String s : more) {
            md.update((byte) 0);
            md.update(s.getBytes(StandardCharsets.UTF_8));
        }
        return md.digest();
    }

    private static void flush(MessageDigest md, ByteBuffer b) {
        b.flip();
        md.update(b);
        b.clear();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);   // every Java SE platform must have it
        }
    }
}
