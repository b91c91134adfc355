package org.interslice.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Volume;
import org.interslice.core.block.Interval;
import org.interslice.io.Formats;
import org.interslice.io.OpenVolume;
import org.interslice.io.ReadOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compressed transfer syntaxes, on files encoded by dcmtk and GDCM (tools/reference/
 * dicom_compressed_fixtures.sh): 3 slices of the CT phantom cropped to 64x64, as uncompressed raw-u12
 * (12-bit unsigned), raw-s16 (signed) and raw-u8 series, each encoded in every syntax decoded here.
 * Lossless encodings must read back equal to the uncompressed series voxel for voxel (values and
 * geometry); lossy ones are compared with what {@code gdcmconv --raw} decodes from the same files
 * ({@code dcmdjpeg} for 12-bit lossy JPEG, which Debian's GDCM cannot decode).
 */
class DicomCompressedTest {
    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(DicomCompressedTest.class.getResource("compressed/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReadOptions stored() {
        ReadOptions o = new ReadOptions();
        o.applyRescale = false;
        return o;
    }

    /** Largest |a - b| over every voxel, after checking dims and geometry agree. */
    private static double maxDifference(Volume a, Volume b) {
        assertArrayEquals(a.dims(), b.dims());
        assertEquals(a.type(), b.type());
        assertArrayEquals(a.geometry().origin(), b.geometry().origin(), 1e-9);
        assertArrayEquals(a.geometry().spacing(), b.geometry().spacing(), 1e-9);
        double m = 0;
        for (int i = 0; i < a.voxelCount(); i++) m = Math.max(m, Math.abs(a.get(i) - b.get(i)));
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"rle-dcmtk", "rle-gdcm", "jpeg57-dcmtk", "jpeg70-dcmtk", "jpeg70frag-dcmtk", "jpeg70-gdcm", "j2k90-gdcm", "jls80-dcmtk"})
    void losslessEqualsTheUncompressedSeries(String encoding) {
        for (String v : List.of("u12", "s16")) {
            Volume raw = Formats.read(resource("raw-" + v), stored());
            Volume dec = Formats.read(resource(v + "-" + encoding), stored());
            assertTrue(raw.range()[1] > raw.range()[0] + 100, "the fixture has structure");
            assertEquals(0.0, maxDifference(raw, dec), v + "-" + encoding);
            // and with the rescale (HU), as a whole read and as a region read
            Volume hu = Formats.read(resource(v + "-" + encoding));
            assertEquals(0.0, maxDifference(Formats.read(resource("raw-" + v)), hu));
            Interval box = new Interval(5, 7, 1, 40, 30, 2);
            try (OpenVolume a = Formats.open(resource("raw-" + v), new ReadOptions()); OpenVolume b = Formats.open(resource(v + "-" + encoding), new ReadOptions())) {
                assertEquals(0.0, maxDifference(a.read(box).data(), b.read(box).data()));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"u12-j2k91-gdcm, 0", "u8-jpeg50-dcmtk, 1", "u8-jpeg51-dcmtk, 1", "u12-jpeg51-dcmtk, 1", "u12-jls81-dcmtk, 0", "u8-jls81-dcmtk, 0"})
    void lossyStaysWithinWhatGdcmDecodes(String folder, double tolerance) {
        Volume ref = Formats.read(resource(folder + "-ref"), stored());
        Volume raw = Formats.read(resource(folder.startsWith("u8") ? "raw-u8" : "raw-u12"), stored());
        Volume dec = Formats.read(resource(folder), stored());
        double d = maxDifference(ref, dec);
        assertTrue(d <= tolerance, folder + ": differs from gdcmconv --raw by " + d);
        // lossy really changed the values (the comparison is not against the raw series by accident)
        assertTrue(maxDifference(raw, ref) > 0, folder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u12", "u8"})
    void nearLosslessJpegLsStaysWithinNear(String v) {
        Volume raw = Formats.read(resource("raw-" + v), stored());
        Volume dec = Formats.read(resource(v + "-jls81-dcmtk"), stored());
        double d = maxDifference(raw, dec);
        assertTrue(d > 0 && d <= 2, "NEAR = 2, measured " + d);
    }

    @Test
    void eightBitJpegLsLosslessEqualsTheUncompressedSeries() {
        assertEquals(0.0, maxDifference(Formats.read(resource("raw-u8"), stored()), Formats.read(resource("u8-jls80-dcmtk"), stored())));
    }

    @Test
    void infoReportsTheTransferSyntaxPerSeries() throws IOException {
        Path mix = Files.createDirectories(dir.resolve("mix"));
        // three series (the fixture script gives raw-u12, raw-s16 and raw-u8 their own series UIDs)
        for (String f : List.of("u12-rle-dcmtk", "s16-j2k90-gdcm", "u8-jpeg50-dcmtk")) {
            try (Stream<Path> s = Files.list(resource(f))) {
                for (Path p : s.toList()) Files.copy(p, mix.resolve(f + "-" + p.getFileName()));
            }
        }
        List<DicomSeriesInfo> l = DicomFormat.listSeries(mix, Job.serial());
        assertEquals(3, l.size());
        List<String> syntaxes = l.stream().map(DicomSeriesInfo::transferSyntax).sorted().toList();
        assertTrue(syntaxes.get(0).startsWith("JPEG 2000 Image Compression (Lossless Only) (1.2.840.10008.1.2.4.90)"), syntaxes.toString());
        assertTrue(syntaxes.get(1).startsWith("JPEG Baseline (Process 1) (1.2.840.10008.1.2.4.50)"), syntaxes.toString());
        assertTrue(syntaxes.get(2).startsWith("RLE Lossless (1.2.840.10008.1.2.5)"), syntaxes.toString());
    }

    @Test
    void undecodedSyntaxIsRefusedByNameWhenRead() throws IOException {
        // a real file whose UID is patched to one no decoder here handles (JPEG 2000 Part 2, same length)
        byte[] b = Files.readAllBytes(resource("u12-j2k90-gdcm/I130"));
        String from = "1.2.840.10008.1.2.4.90", to = "1.2.840.10008.1.2.4.92";
        String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf(from);
        assertTrue(at > 128 && at < 400, "UID in the meta group at " + at);
        System.arraycopy(to.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, b, at, to.length());
        Path p = Files.write(dir.resolve("part2.dcm"), b);
        assertTrue(DicomFormat.listSeries(p, Job.serial()).get(0).transferSyntax().contains(to), "info still lists it");
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(p));
        assertTrue(e.getMessage().contains("not supported") && e.getMessage().contains(to), e.getMessage());
    }

    @Test
    void aSeriesMixingSyntaxesReadsSliceBySliceAndInfoSaysSo() throws IOException {
        Path mix = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(resource("raw-u12/I130"), mix.resolve("a"));
        Files.copy(resource("u12-rle-dcmtk/I140"), mix.resolve("b"));
        Files.copy(resource("u12-jls80-dcmtk/I150"), mix.resolve("c"));
        List<DicomSeriesInfo> l = DicomFormat.listSeries(mix, Job.serial());
        assertEquals(1, l.size(), "one series: the encoders kept its UID");
        assertTrue(l.get(0).notes().stream().anyMatch(n -> n.startsWith("slices use 3 transfer syntaxes")), l.get(0).notes().toString());
        assertEquals(0.0, maxDifference(Formats.read(resource("raw-u12")), Formats.read(mix)));
    }

    @Test
    void lyingNumberOfFramesIsRefusedByNameWhenListedAndRead() throws IOException {
        // NumberOfFrames (0028,0008) IS "2 " inserted before Rows (0028,0010) of an RLE file
        byte[] b = Files.readAllBytes(resource("u12-rle-dcmtk/I130"));
        byte[] rows = {0x28, 0, 0x10, 0, 'U', 'S', 2, 0};
        int at = indexOf(b, rows);
        assertTrue(at > 132, "Rows found");
        byte[] frames = {0x28, 0, 0x08, 0, 'I', 'S', 2, 0, '2', ' '};
        byte[] m = new byte[b.length + frames.length];
        System.arraycopy(b, 0, m, 0, at);
        System.arraycopy(frames, 0, m, at, frames.length);
        System.arraycopy(b, at, m, at + frames.length, b.length - at);
        Path p = Files.write(dir.resolve("multi.dcm"), m);
        // one fragment behind a one-entry offset table cannot be two frames (multi-frame objects are read: DicomMultiFrameTest)
        for (org.junit.jupiter.api.function.Executable x : List.<org.junit.jupiter.api.function.Executable>of(
                () -> DicomFormat.listSeries(p, Job.serial()), () -> Formats.read(p))) {
            IntersliceException e = assertThrows(IntersliceException.class, x);
            assertTrue(e.getMessage().contains("multi.dcm") && e.getMessage().contains("NumberOfFrames is 2"), e.getMessage());
        }
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int k = 0; k < what.length; k++) if (b[i + k] != what[k]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void memoryLimitCountsTheDecodersBesideTheVolume() {
        ReadOptions o = stored();
        o.maxBytes = 3 * 64 * 64 * 2 + 100; // the volume fits, the volume plus one frame's decoder does not
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(resource("u12-jls80-dcmtk"), o));
        assertTrue(e.getMessage().contains("to decode"), e.getMessage());
        Formats.read(resource("raw-u12"), o); // the uncompressed series needs no decoder
    }

    @Test
    void memoryLimitCountsTheDecoder() {
        ReadOptions o = stored();
        o.maxBytes = 64 * 64 * 2 + 100; // the output slice fits, the decoder's image does not
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(resource("u12-j2k90-gdcm/I130"), o));
        assertTrue(e.getMessage().contains("to decode"), e.getMessage());
    }
}
