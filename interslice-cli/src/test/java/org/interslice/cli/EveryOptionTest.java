package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Issue 20 item 1: every option of every command, run with a valid value, succeeds (exit 0). The list of
 * runs must name every option the commands declare, so a new option without a run here fails the test.
 * ({@code evaluate --window=-1000,1500} failed with exit 2 although only its rejection was tested.)
 */
class EveryOptionTest {
    /** One command line and the options it exercises. */
    record Run(String command, List<String> options, List<String> args) {}

    @Test
    void everyOptionWithAValidValueSucceeds(@TempDir Path dir) {
        Path img = ResampleCommandTest.image(dir, "img.nii");
        Path lab = ResampleCommandTest.labels(dir, "lab.nii");
        Path truth = EvaluateCommandTest.small(dir);
        Path thick = thick(truth, dir);
        Path mask = mask(truth, dir);
        Path tif = dir.resolve("stack.tif");
        Formats.write(Formats.read(img), tif);
        List<Run> runs = new ArrayList<>();
        int[] n = {0};
        java.util.function.Supplier<String> out = () -> dir.resolve("o" + (n[0]++) + ".nii.gz").toString();
        java.util.function.Supplier<String> rep = () -> dir.resolve("rep" + (n[0]++)).toString();
        // info
        runs.add(new Run("info", List.of("--json"), List.of("info", img.toString(), "--json")));
        runs.add(new Run("info", List.of("--input-spacing"), List.of("info", tif.toString(), "--input-spacing", "0.5,0.5,2")));
        runs.add(new Run("info", List.of("--series"), List.of("info", img.toString(), "--series", "1")));
        // convert
        runs.add(new Run("convert", List.of("--type"), List.of("convert", img.toString(), out.get(), "--type", "float32")));
        runs.add(new Run("convert", List.of("--labels"), List.of("convert", lab.toString(), out.get(), "--labels")));
        runs.add(new Run("convert", List.of("--input-spacing"), List.of("convert", tif.toString(), out.get(), "--input-spacing", "0.5,0.5,2")));
        runs.add(new Run("convert", List.of("--series"), List.of("convert", img.toString(), out.get(), "--series", "2")));
        runs.add(new Run("convert", List.of("--compression-level"), List.of("convert", img.toString(), out.get(), "--compression-level", "9")));
        runs.add(new Run("convert", List.of("--format"), List.of("convert", img.toString(), dir.resolve("series" + (n[0]++)).toString(), "--format", "dicom")));
        // resample
        String[][] r = {
            {"--spacing", "--spacing", "0.5,1,1.5"}, {"--size", "--size", "10,8,12"}, {"--like", "--like", lab.toString()},
            {"--isotropic", "--isotropic"}, {"--spacing-scale", "--isotropic", "--spacing-scale", "1.5"},
            {"--keep-origin", "--spacing", "2", "--keep-origin"}, {"--crop", "--spacing", "1", "--crop", "2:10,:8,1:"},
            {"--crop-mm", "--spacing", "1", "--crop", "-8:0,6:14,41:60", "--crop-mm"}, {"--interp", "--spacing", "2", "--interp", "lanczos"},
            {"--order", "--spacing", "2", "--interp", "bspline", "--order", "5"}, {"--radius", "--spacing", "2", "--interp", "lanczos", "--radius", "2"},
            {"--label-sigma", "--spacing", "2", "--labels", "--label-interp", "label-gaussian", "--label-sigma", "1"},
            {"--label-interp", "--spacing", "2", "--labels", "--label-interp", "label-nearest"}, {"--labels", "--spacing", "2", "--labels"},
            {"--image", "--spacing", "2", "--image"}, {"--mask", "--spacing", "2", "--mask", lab.toString(), out.get()},
            {"--no-antialias", "--spacing", "3", "--no-antialias"}, {"--no-clamp", "--spacing", "0.5", "--interp", "bspline", "--no-clamp"},
            {"--type", "--spacing", "2", "--type", "float32"}, {"--default-value", "--spacing", "2", "--default-value", "-5"},
            {"--dry-run", "--spacing", "2", "--dry-run"}, {"--max-memory", "--spacing", "2", "--max-memory", "500M"},
            {"--keep-shear", "--spacing", "2", "--keep-shear"}, {"--series", "--spacing", "2", "--series", "1"},
            {"--compression-level", "--spacing", "2", "--compression-level", "1"},
        };
        for (String[] o : r) {
            List<String> a = new ArrayList<>(List.of("resample", img.toString(), out.get()));
            a.addAll(List.of(o).subList(1, o.length));
            runs.add(new Run("resample", List.of(o[0]), a));
        }
        runs.add(new Run("resample", List.of("--format"), List.of("resample", img.toString(), dir.resolve("o" + (n[0]++) + ".nrrd").toString(), "--spacing", "2", "--format", "nifti")));
        runs.add(new Run("resample", List.of("--input-spacing"), List.of("resample", tif.toString(), out.get(), "--spacing", "2", "--input-spacing", "0.5,0.5,2")));
        // evaluate
        String[][] e = {
            {"--factor", "--factor", "3"}, {"--methods", "--methods", "nearest,cubic"}, {"--profile", "--profile", "slab"},
            {"--mask", "--mask", mask.toString()}, {"--window", "--window=-10,150"}, {"--baseline", "--baseline", "nearest"},
            {"--seed", "--seed", "7"}, {"--series", "--series", "1"},
        };
        for (String[] o : e) {
            List<String> a = new ArrayList<>(List.of("evaluate", "--truth", truth.toString(), "--out", rep.get(), "--bootstrap", "100"));
            a.addAll(List.of(o).subList(1, o.length));
            runs.add(new Run("evaluate", List.of(o[0], "--truth", "--out", "--bootstrap"), a));
        }
        runs.add(new Run("evaluate", List.of("--thick", "--compare-to"),
                List.of("evaluate", "--thick", thick.toString(), "--compare-to", truth.toString(), "--out", rep.get(), "--bootstrap", "100")));
        runs.add(new Run("evaluate", List.of("--self", "--method"),
                List.of("evaluate", "--self", truth.toString(), "--method", "linear", "--out", rep.get(), "--bootstrap", "100")));
        runs.add(new Run("evaluate", List.of("--input-spacing"),
                List.of("evaluate", "--truth", tif.toString(), "--input-spacing", "1,1,3", "--out", rep.get(), "--bootstrap", "100")));
        // interpolate (img: 8 slices 3 mm apart; lab: a label map on the same grid)
        Path positions = dir.resolve("positions.txt");
        try {
            java.nio.file.Files.writeString(positions, "40\n43\n47\n50\n53\n56\n60\n62\n");
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        String[][] ip = {
            {"--factor", "--factor", "3", "--method", "linear"}, {"--spacing", "--spacing", "1", "--method", "cubic"},
            {"--method", "--factor", "2", "--method", "lanczos"}, {"--axis", "--factor", "2", "--axis", "z", "--method", "linear"},
            {"--positions", "--spacing", "1", "--positions", positions.toString(), "--method", "linear"},
            {"--dry-run", "--factor", "2", "--dry-run"}, {"--no-sidecar", "--factor", "2", "--method", "linear", "--no-sidecar"},
            {"--max-memory", "--factor", "2", "--method", "linear", "--max-memory", "500M"},
            {"--series", "--factor", "2", "--method", "linear", "--series", "1"},
            {"--keep-shear", "--factor", "2", "--method", "linear", "--keep-shear"},
            {"--compression-level", "--factor", "2", "--method", "linear", "--compression-level", "1"},
            {"--allow-outside-data", "--factor", "2", "--method", "linear", "--allow-outside-data"},
        };
        for (String[] o : ip) {
            List<String> a = new ArrayList<>(List.of("interpolate", img.toString(), out.get()));
            a.addAll(List.of(o).subList(1, o.length));
            runs.add(new Run("interpolate", List.of(o[0]), a));
        }
        runs.add(new Run("interpolate", List.of("--format"),
                List.of("interpolate", img.toString(), dir.resolve("series" + (n[0]++)).toString(), "--factor", "2", "--method", "linear", "--format", "dicom")));
        runs.add(new Run("interpolate", List.of("--labels"), List.of("interpolate", lab.toString(), out.get(), "--factor", "2", "--labels")));
        runs.add(new Run("interpolate", List.of("--input-spacing"),
                List.of("interpolate", tif.toString(), out.get(), "--factor", "2", "--method", "linear", "--input-spacing", "0.5,0.5,2")));
        // gaps fill (a 16-plane MR stack, its second half drifted; slice 8 filled by zmorph)
        Path gapsIn = GapsFillCommandTest.stack(dir, "gaps.nii", 1, 8);
        String[][] gf = {
            {"--missing", "--missing", "8"}, {"--method", "--missing", "8", "--method", "weighted"},
            {"--search-window", "--missing", "8", "--search-window", "3"}, {"--margin", "--missing", "8", "--margin", "0.2"},
            {"--min-foreground", "--missing", "8", "--min-foreground", "0.2"}, {"--foreground-threshold", "--missing", "8", "--foreground-threshold", "20"},
            {"--clip", "--missing", "8", "--clip", "2,98"}, {"--min-ncc", "--missing", "8", "--min-ncc", "0.5"},
            {"--slab", "--missing", "8", "--slab", "1"}, {"--min-ncc-gain", "--missing", "3", "--min-ncc-gain", "0"},
            {"--window", "--missing", "8", "--window", "0.5,99.5"}, {"--metric", "--missing", "8", "--metric", "ncc"},
            {"--levels", "--missing", "8", "--levels", "1"}, {"--max-iterations", "--missing", "8", "--max-iterations", "20"},
            {"--feather-sigma", "--missing", "8", "--feather-sigma", "0"}, {"--weighted-sigma", "--missing", "8", "--method", "weighted", "--weighted-sigma", "1"},
            {"--series", "--missing", "8", "--series", "1"}, {"--allow-outside-data", "--missing", "8", "--allow-outside-data"},
            {"--compression-level", "--missing", "8", "--compression-level", "3"},
        };
        for (String[] o : gf) {
            List<String> a = new ArrayList<>(List.of("gaps", "fill", gapsIn.toString(), out.get()));
            a.addAll(List.of(o).subList(1, o.length));
            runs.add(new Run("gaps fill", List.of(o[0]), a));
        }
        runs.add(new Run("gaps fill", List.of("--labels"), List.of("gaps", "fill", lab.toString(), out.get(), "--missing", "4", "--labels")));
        runs.add(new Run("gaps fill", List.of("--input-spacing"),
                List.of("gaps", "fill", tif.toString(), out.get(), "--missing", "3", "--input-spacing", "0.5,0.5,2")));
        // --pyramid (OME-Zarr outputs) on every command that writes a volume
        java.util.function.Supplier<String> zarr = () -> dir.resolve("z" + (n[0]++) + ".ome.zarr").toString();
        runs.add(new Run("convert", List.of("--pyramid"), List.of("convert", img.toString(), zarr.get(), "--pyramid", "2", "--compression-level", "0")));
        runs.add(new Run("resample", List.of("--pyramid"), List.of("resample", img.toString(), zarr.get(), "--spacing", "2", "--pyramid", "1")));
        runs.add(new Run("interpolate", List.of("--pyramid"), List.of("interpolate", img.toString(), zarr.get(), "--factor", "2", "--method", "linear", "--pyramid", "1")));
        runs.add(new Run("gaps fill", List.of("--pyramid", "--format"),
                List.of("gaps", "fill", gapsIn.toString(), dir.resolve("gaps-out").toString(), "--missing", "8", "--format", "ome-zarr", "--pyramid", "1")));
        // gaps (sections of GapsCommandTest: 0..4, section 2 excluded)
        Path secs = GapsCommandTest.sections(dir.resolve("secs"));
        Path cfg = GapsCommandTest.config(dir);
        runs.add(new Run("gaps plan", List.of("--config", "--sections", "--json"),
                List.of("gaps", "plan", "--config", cfg.toString(), "--sections", secs.toString(), "--json")));
        Path outcomes = GapsCommandTest.outcomes(dir.resolve("outcomes"));
        runs.add(new Run("gaps finalise", List.of("--config", "--sections", "--outcomes", "--out"),
                List.of("gaps", "finalise", "--config", cfg.toString(), "--sections", secs.toString(), "--outcomes", outcomes.toString(),
                        "--out", dir.resolve("final.csv").toString())));
        // gaps fill, section mode (two 8-plane MR sections around a lost one)
        Path mrSecs = GapsCommandTest.mrSections(dir.resolve("mrsecs"), 2, -1);
        Path mrCfg = java.nio.file.Files.exists(dir.resolve("mr.csv")) ? dir.resolve("mr.csv") : writeString(dir.resolve("mr.csv"), "slice_id,use\n01,1\n02,0\n03,1\n");
        runs.add(new Run("gaps fill", List.of("--config", "--sections", "--out"),
                List.of("gaps", "fill", "--config", mrCfg.toString(), "--sections", mrSecs.toString(), "--out", dir.resolve("filled").toString())));
        // --allow-outside-data everywhere else
        runs.add(new Run("info", List.of("--allow-outside-data"), List.of("info", img.toString(), "--allow-outside-data")));
        runs.add(new Run("convert", List.of("--allow-outside-data"), List.of("convert", img.toString(), out.get(), "--allow-outside-data")));
        runs.add(new Run("resample", List.of("--allow-outside-data"), List.of("resample", img.toString(), out.get(), "--spacing", "2", "--allow-outside-data")));
        runs.add(new Run("evaluate", List.of("--allow-outside-data"),
                List.of("evaluate", "--truth", truth.toString(), "--out", rep.get(), "--bootstrap", "100", "--allow-outside-data")));
        // demo: all its options in one run (a demo takes seconds)
        runs.add(new Run("demo", List.of("--samples", "--out"),
                List.of("demo", "--samples", Cli.samples().toString(), "--out", rep.get())));
        // global options
        runs.add(new Run("", List.of("--debug", "--progress", "--quiet"), List.of("--debug", "info", img.toString())));
        runs.add(new Run("", List.of("--progress"), List.of("info", img.toString(), "--progress")));
        runs.add(new Run("", List.of("--quiet"), List.of("info", img.toString(), "-q")));

        Set<String> missing = new TreeSet<>();
        CommandLine main = Main.commandLine();
        for (OptionSpec o : main.getCommandSpec().options()) if (!o.usageHelp() && !o.versionHelp()) missing.add(" " + o.longestName());
        java.util.ArrayDeque<CommandLine> subs = new java.util.ArrayDeque<>(main.getSubcommands().values());
        while (!subs.isEmpty()) {   // nested subcommands too ("gaps plan")
            CommandLine sub = subs.pop();
            String name = sub.getCommandSpec().qualifiedName(" ").substring("interslice ".length());
            if (name.equals("help")) continue;
            for (OptionSpec o : sub.getCommandSpec().options())
                if (!o.usageHelp() && !o.versionHelp() && !o.inherited()) missing.add(name + " " + o.longestName());
            for (java.util.Map.Entry<String, CommandLine> se : sub.getSubcommands().entrySet())
                if (se.getKey().equals(se.getValue().getCommandName())) subs.push(se.getValue());   // aliases once
        }
        for (Run run : runs) for (String o : run.options()) missing.remove(run.command() + " " + o);
        assertTrue(missing.isEmpty(), "options without a run in this test: " + missing);

        for (Run run : runs) {
            Cli.Result res = Cli.run(run.args().toArray(new String[0]));
            assertEquals(0, res.exit(), String.join(" ", run.args()) + "\n" + res.err());
        }
    }

    private static Path writeString(Path p, String text) {
        try {
            return java.nio.file.Files.writeString(p, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every other slice of the truth, at twice the spacing: a thick scan of the same exam. */
    static Path thick(Path truth, Path dir) {
        FloatVolume t = Formats.read(truth).toFloat();
        int nz = (t.nz() + 1) / 2, slab = t.nx() * t.ny();
        float[] d = new float[slab * nz];
        for (int k = 0; k < nz; k++) System.arraycopy(t.data(), 2 * k * slab, d, k * slab, slab);
        Geometry g = t.geometry();
        Path p = dir.resolve("thick.nii.gz");
        Formats.write(new FloatVolume(t.nx(), t.ny(), nz, d, Geometry.of(new double[] {g.spacing(0), g.spacing(1), 2 * g.spacing(2)}, g.origin(), g.direction()), false), p);
        return p;
    }

    /** A mask flagged as a label map (as resample --mask writes them), on the truth's grid. */
    static Path mask(Path truth, Path dir) {
        Volume t = Formats.read(truth);
        Volume m = Volume.allocate(PixelType.UINT8, t.nx(), t.ny(), t.nz(), t.geometry());
        for (int i = 0; i < t.voxelCount(); i++) m.set(i, t.get(i) > 0 ? 1 : 0);
        Path p = dir.resolve("mask.nii.gz");
        Formats.write(m.asLabel(true), p);
        return p;
    }
}
