package org.interslice.ops.gaps;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.interslice.core.IntersliceException;
import org.interslice.io.FolderFormat;
import org.interslice.io.Formats;
import org.interslice.io.VolumeFormat;

/**
 * The sections of a serial-section acquisition found in one folder: one volume per section, each a file or
 * folder directly inside the folder, in any format Interslice reads. What counts:
 * <ul>
 *   <li>a file whose name ends in {@value #FILE_EXTENSIONS_TEXT} (a NIfTI pair by its {@code .hdr}, a
 *       detached NRRD or MetaImage by its header);</li>
 *   <li>a folder Interslice reads as one volume: OME-Zarr ({@code .ome.zarr}, {@code .zarr}), a DICOM
 *       series or a TIFF/PNG stack;</li>
 *   <li>not: hidden entries, our temporaries, data files named by a header ({@code .img}, {@code .raw}),
 *       sidecars and previews ({@code .json}, {@code .png} files, {@code .csv}).</li>
 * </ul>
 * The section number is the last run of digits in the name without its extension ({@code slice_z05.ome.zarr}
 * is section 5, written "05"). A volume name without digits, or two volumes with one number, is an error
 * naming both: the folder must say unambiguously which volume is which section. So is a number that reads
 * as negative ({@code slice_-1}, {@code -1}: a '-' after a separator or at the start; {@code slice-1} is
 * section 1) or as a decimal ({@code slice_1.5}), or one of more than 9 digits.
 */
public final class Sections {
    static final String FILE_EXTENSIONS_TEXT = ".nii, .nii.gz, .hdr, .nrrd, .nhdr, .mha, .mhd, .tif, .tiff";
    private static final List<String> FILE_EXTENSIONS = List.of(".nii.gz", ".nii", ".hdr", ".nrrd", ".nhdr", ".mha", ".mhd", ".tiff", ".tif");
    private static final List<String> FOLDER_EXTENSIONS = List.of(".ome.zarr", ".zarr");

    /** One section volume: its number, the digits as written, the path, and the name around the digits. */
    public record Section(int number, String id, Path path, String prefix, String suffix) {
        /** The name a volume of section {@code otherId} gets in this section's naming scheme. */
        public String nameFor(String otherId) {
            return prefix + otherId + suffix;
        }
    }

    private final Path folder;
    private final TreeMap<Integer, Section> byNumber;

    private Sections(Path folder, TreeMap<Integer, Section> byNumber) {
        this.folder = folder;
        this.byNumber = byNumber;
    }

    /** The folder searched. */
    public Path folder() {
        return folder;
    }

    /** Sections by number, ascending. Not modifiable. */
    public Map<Integer, Section> byNumber() {
        return Collections.unmodifiableMap(byNumber);
    }

    /** The section with {@code number}, or null. */
    public Section get(int number) {
        return byNumber.get(number);
    }

    /**
     * Finds the sections in {@code folder} (see the class comment).
     *
     * @throws IntersliceException for a missing folder, a volume name without digits, or two volumes
     *     giving one section number
     */
    public static Sections find(Path folder) {
        if (!Files.isDirectory(folder)) throw new IntersliceException(folder, "not a folder (--sections names the folder holding one volume per section)");
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) entries.add(p);
        } catch (IOException e) {
            throw new IntersliceException(folder, "cannot list: " + e.getMessage(), e);
        }
        Collections.sort(entries);
        TreeMap<Integer, Section> m = new TreeMap<>();
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.startsWith(".")) continue;
            String ext = volumeExtension(p);
            if (ext == null) continue;
            String stem = name.substring(0, name.length() - ext.length());
            int end = stem.length();
            while (end > 0 && !Character.isDigit(stem.charAt(end - 1))) end--;
            int start = end;
            while (start > 0 && Character.isDigit(stem.charAt(start - 1))) start--;
            if (end == 0) throw new IntersliceException(p, "a section volume whose name holds no section number (name sections like slice_z05" + ext + ")");
            String digits = stem.substring(start, end);
            // "_-1" reads as minus one, "1.5" as a decimal: which section is meant is not clear
            if (start > 0 && stem.charAt(start - 1) == '-' && (start == 1 || !Character.isLetterOrDigit(stem.charAt(start - 2))))
                throw new IntersliceException(p, "a section volume whose number reads as negative (-" + digits + "): section numbers are 0 or more (name sections like slice_z05" + ext + ")");
            if (start > 1 && (stem.charAt(start - 1) == '.' || stem.charAt(start - 1) == ',') && Character.isDigit(stem.charAt(start - 2))) {
                int b = start - 1;
                while (b > 0 && Character.isDigit(stem.charAt(b - 1))) b--;
                throw new IntersliceException(p, "a section volume whose number is ambiguous (" + stem.substring(b, end)
                        + " reads as a decimal): name sections like slice_z05" + ext);
            }
            if (digits.length() > 9) throw new IntersliceException(p, "section number too large (" + digits.length() + " digits, at most 9)");
            Section s = new Section(Integer.parseInt(digits), digits, p, name.substring(0, start), name.substring(end));
            Section before = m.put(s.number(), s);
            if (before != null)
                throw new IntersliceException(p, "section " + s.number() + " is also " + before.path().getFileName() + ": keep one volume per section in " + folder);
        }
        return new Sections(folder, m);
    }

    /** The extension a section volume has, or null when {@code p} is not one (folders: the format decides). */
    private static String volumeExtension(Path p) {
        String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(p)) {
            for (String e : FOLDER_EXTENSIONS) if (lower.endsWith(e)) return p.getFileName().toString().substring(lower.length() - e.length());
            for (VolumeFormat f : Formats.all())
                if (f instanceof FolderFormat ff && ff.recognizesFolder(p)) return "";
            return null;
        }
        if (!Files.isRegularFile(p)) return null;
        for (String e : FILE_EXTENSIONS) if (lower.endsWith(e)) return p.getFileName().toString().substring(lower.length() - e.length());
        return null;
    }
}
