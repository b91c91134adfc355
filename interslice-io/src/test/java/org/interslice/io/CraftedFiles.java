package org.interslice.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-made header + data files for format tests of edge cases no writer produces. */
public final class CraftedFiles {
    private CraftedFiles() {}

    /** Writes {@code header} (ISO-8859-1) followed by {@code data} as {@code dir/name}. */
    public static Path file(Path dir, String name, String header, byte[] data) throws IOException {
        Path p = dir.resolve(name);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(header.getBytes(StandardCharsets.ISO_8859_1));
        b.write(data);
        Files.write(p, b.toByteArray());
        return p;
    }

    /** 16-bit samples in the given byte order. */
    public static byte[] shorts(ByteOrder order, int... v) {
        ByteBuffer bb = ByteBuffer.allocate(2 * v.length).order(order);
        for (int x : v) bb.putShort((short) x);
        return bb.array();
    }

    /**
     * A classic little-endian TIFF of {@code pages} 16x16 8-bit pages, one 9-entry directory each
     * (directory k at offset 8 + 114 k, strips after the directories), whose last directory's next
     * offset is {@code lastNext} (0 ends the chain; 8 points back to the first page, a loop).
     */
    public static byte[] tiff(int pages, long lastNext) {
        int dirBytes = 2 + 9 * 12 + 4;
        int strips = 8 + pages * dirBytes;
        ByteBuffer b = ByteBuffer.allocate(strips + 256 * pages).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int k = 0; k < pages; k++) {
            b.putShort((short) 9);
            int[][] e = {{256, 3, 16}, {257, 3, 16}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
                    {273, 4, strips + 256 * k}, {277, 3, 1}, {278, 3, 16}, {279, 4, 256}};
            for (int[] f : e) {
                b.putShort((short) f[0]).putShort((short) f[1]).putInt(1);
                if (f[1] == 3) b.putShort((short) f[2]).putShort((short) 0);
                else b.putInt(f[2]);
            }
            b.putInt(k + 1 < pages ? 8 + (k + 1) * dirBytes : (int) lastNext);
        }
        for (int i = 0; i < 256 * pages; i++) b.put((byte) i);
        return b.array();
    }
}
