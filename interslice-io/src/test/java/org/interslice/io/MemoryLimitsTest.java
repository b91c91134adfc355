package org.interslice.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizes are checked against the memory limit before allocating, decoders' buffers included (issue 21.6). */
class MemoryLimitsTest {
    @TempDir
    Path dir;

    @Test
    void aShortGzipStreamFailsBeforeTheVolumeIsAllocated() throws IOException {
        Path small = dir.resolve("s.nii");
        Formats.write(Volume.allocate(PixelType.INT16, 2, 2, 2, Geometry.identity()), small);
        byte[] b = Files.readAllBytes(small);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        // dim[1..3] of a NIfTI-1 header: 4096 x 4096 x 4 int16 = 128 MiB declared
        h.putShort(42, (short) 4096).putShort(44, (short) 4096).putShort(46, (short) 4);
        byte[] noise = new byte[1 << 20];
        new Random(5).nextBytes(noise);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(z)) {
            gz.write(b, 0, 352);
            gz.write(noise);
        }
        Path p = Files.write(dir.resolve("claims.nii.gz"), z.toByteArray());
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(p));
        assertTrue(e.getMessage().contains("refused before allocating"), e.getMessage());
        // the same check for a NRRD gzip stream and a MetaImage zlib stream
        Path n = CraftedFiles.file(dir, "claims.nrrd", "NRRD0004\ntype: short\ndimension: 3\nsizes: 4096 4096 4\nencoding: gzip\n\n", gzip(noise));
        assertTrue(assertThrows(IntersliceException.class, () -> Formats.read(n)).getMessage().contains("refused before allocating"));
        Path m = CraftedFiles.file(dir, "claims.mha", "ObjectType = Image\nNDims = 3\nDimSize = 4096 4096 4\nElementType = MET_SHORT\n"
                + "CompressedData = True\nElementDataFile = LOCAL\n", deflate(noise));
        assertTrue(assertThrows(IntersliceException.class, () -> Formats.read(m)).getMessage().contains("refused before allocating"));
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(z)) {
            gz.write(b);
        }
        return z.toByteArray();
    }

    private static byte[] deflate(byte[] b) throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(z)) {
            d.write(b);
        }
        return z.toByteArray();
    }

    @Test
    void aLargeGzipStreamThatHoldsItsDataStillReads() throws IOException {
        // 96 MiB declared and present: above the counting threshold, ISIZE matches
        Volume v = Volume.allocate(PixelType.UINT8, 1024, 1024, 96, Geometry.identity());
        ((byte[]) v.array())[12345] = 7;
        Path p = dir.resolve("big.nii.gz");
        Formats.write(v, p);
        assertEquals(7, Formats.read(p).get(12345));
    }

    @Test
    void imageDecodersBuffersCountAgainstTheLimit() throws IOException {
        BufferedImage img = new BufferedImage(4000, 4000, BufferedImage.TYPE_BYTE_GRAY);
        Path png = dir.resolve("big.png");
        ImageIO.write(img, "png", png.toFile());
        ReadOptions o = ReadOptions.defaults();
        // the 16 MB volume fits, but not with the decoder's raster and copy
        o.maxBytes = 20L << 20;
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(png, o));
        assertTrue(e.getMessage().contains("to decode"), e.getMessage());
        o.maxBytes = 64L << 20;
        assertEquals(4000, Formats.read(png, o).nx());
    }
}
