package org.interslice.io.dicom;

import java.util.Map;

/**
 * The transfer syntaxes this reader knows by UID (DICOM PS3.5 section 10 and annex A; names as in
 * PS3.6 annex A). The four native ones are read directly; {@code FrameDecoder#codec} says which
 * encapsulated ones are decoded, the others are named in the error.
 */
record TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated, boolean native_) {
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    private static final Map<String, TransferSyntax> KNOWN = Map.ofEntries(
            decoded(IMPLICIT_LE, "Implicit VR Little Endian", false, false, false),
            decoded(EXPLICIT_LE, "Explicit VR Little Endian", true, false, false),
            decoded("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true),
            decoded("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false),
            encapsulated("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian"),
            encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
            encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
            encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1)"),
            encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression"),
            encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression"),
            encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)"),
            encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression"),
            encapsulated("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)"),
            encapsulated("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression"),
            encapsulated("1.2.840.10008.1.2.4.94", "JPIP Referenced"),
            encapsulated("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate"),
            encapsulated("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
            encapsulated("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level"),
            encapsulated("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
            encapsulated("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1"),
            encapsulated("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video"),
            encapsulated("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video"),
            encapsulated("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2"),
            encapsulated("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1"),
            encapsulated("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1"),
            encapsulated("1.2.840.10008.1.2.4.110", "JPEG XL Lossless"),
            encapsulated("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression"),
            encapsulated("1.2.840.10008.1.2.4.112", "JPEG XL"),
            encapsulated("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"),
            encapsulated("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)"),
            encapsulated("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression"),
            encapsulated("1.2.840.10008.1.2.5", "RLE Lossless"));

    private static Map.Entry<String, TransferSyntax> decoded(String uid, String name, boolean explicit, boolean be, boolean deflated) {
        return Map.entry(uid, new TransferSyntax(uid, name, explicit, be, deflated, true));
    }

    private static Map.Entry<String, TransferSyntax> encapsulated(String uid, String name) {
        // every encapsulated syntax encodes its dataset as explicit VR little endian
        return Map.entry(uid, new TransferSyntax(uid, name, true, false, false, false));
    }

    /** The syntax of a UID, or null when unknown. */
    static TransferSyntax of(String uid) {
        return uid == null ? null : KNOWN.get(uid);
    }

    /** "name (uid)", for messages. */
    String describe() {
        return name + " (" + uid + ")";
    }
}
