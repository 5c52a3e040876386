package dev.moviola.assemble;

import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.FfmpegException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** A still of a finished movie, for listings and players' poster frames: JPEG, at most 640 px wide. */
public final class Thumbnail {
    private final Ffmpeg ffmpeg;

    public Thumbnail(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * Writes the frame at one second in (or a quarter in, for a movie shorter than 4 s): past the black of a fade-in,
     * early enough to show what the movie opens with.
     */
    public void make(Path movie, double duration, Path target) throws FfmpegException, InterruptedException {
        double at = Math.max(0, Math.min(1.0, duration / 4));
        ffmpeg.run("thumbnail", List.of("-ss", String.format(Locale.ROOT, "%.3f", at), "-i", movie.toString(),
                "-frames:v", "1", "-vf", "scale='min(640,iw)':-2", "-q:v", "3", target.toString()),
                Duration.ofMinutes(1), null);
    }
}
