package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.interslice.core.exec.Job;
import org.interslice.core.synth.ConfigInterpolate;
import org.interslice.core.synth.Interpolate;
import org.interslice.core.synth.Interpolation;
import org.interslice.core.synth.Interpolator;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;

/** The Java example of the README's interpolate section, kept compiling and running. */
class ReadmeInterpolateExampleTest {
    @Test
    void readmeExample() {
        Path thickFile = Cli.sample("phantom-5mm.nii.gz");
        Interpolation same;
        // --- README example begins (paths are variables here) ---
        Volume thick = Formats.read(thickFile);
        Interpolation r = Interpolate.byFactor(thick, 5, "linear");      // static call on all cores; null method = default
        Volume thin = r.volume();                                         // r.plan(): which slice is measured, which synthesized
        ConfigInterpolate c = new ConfigInterpolate();                    // or configured: spacing, method, axis, positions
        c.spacingMm = 1.0;
        c.method = "lanczos";
        try (Job job = Job.of(2, null)) {
            same = new Interpolator(c).run(thick, job);
        }
        // --- README example ends ---
        assertEquals(136, thin.nz());
        assertEquals(108, r.plan().synthesizedCount());
        assertEquals(136, same.volume().nz());
        assertEquals("lanczos", same.method());
    }
}
