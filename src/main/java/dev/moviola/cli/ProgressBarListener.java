package dev.moviola.cli;

import dev.moviola.pipeline.Phase;
import dev.moviola.pipeline.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Draws render progress as a bar on the terminal (stderr), with the current phase as its message. */
final class ProgressBarListener implements ProgressListener, AutoCloseable {
    private static final int STEPS = 1000;
    private final ProgressBar bar;
    /** Progress only moves forward; scenes may report out of order. Guarded by this. */
    private long shown;

    ProgressBarListener(String task) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(STEPS).setUnit("%", STEPS / 100)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200)
                .continuousUpdate().build();
    }

    @Override
    public void phase(Phase phase) {
        bar.setExtraMessage(phase.word());
    }

    @Override
    public synchronized void progress(double overall) {
        long step = Math.round(overall * STEPS);
        if (step > shown) {
            shown = step;
            bar.stepTo(step);
        }
    }

    @Override
    public void close() {
        bar.close();
    }
}
