package org.interslice.ops.report;

import java.util.List;
import org.interslice.core.evaluate.LabelVolumeResult;
import org.interslice.core.evaluate.SummaryRow;
import org.interslice.core.evaluate.VolumeResult;

/**
 * The outcome of an evaluate run: per-volume results, the cohort summary and where the report went.
 * An image run fills {@code volumes} and {@code summary}; a label-map run fills {@code labels} only.
 *
 * @param config  the run's settings
 * @param volumes one result per image input (per truth, or the one compare / self-check pair)
 * @param summary cohort rows, method-major (see {@link org.interslice.core.evaluate.CohortStatistics})
 * @param seconds wall time of the whole run, reading and writing included
 * @param labels  one result per label-map input (see {@link LabelEvaluateRun}); empty for images
 */
public record Evaluation(ConfigEvaluateRun config, List<VolumeResult> volumes, List<SummaryRow> summary, double seconds,
                         List<LabelVolumeResult> labels) {
    /** An image run. */
    public Evaluation(ConfigEvaluateRun config, List<VolumeResult> volumes, List<SummaryRow> summary, double seconds) {
        this(config, volumes, summary, seconds, List.of());
    }

    /** True when the inputs were label maps (scored with Dice instead of image metrics). */
    public boolean isLabelRun() {
        return !labels.isEmpty();
    }
}
