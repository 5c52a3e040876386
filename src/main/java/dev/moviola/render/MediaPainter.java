package dev.moviola.render;

import dev.moviola.asset.AssetRef;
import dev.moviola.ffmpeg.FfmpegException;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.ffmpeg.MediaProbe;
import dev.moviola.movie.Crop;
import dev.moviola.movie.Fps;
import dev.moviola.movie.Playback;
import dev.moviola.movie.ShowsMedia;
import dev.moviola.movie.Visual;
import dev.moviola.plan.Layer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Paints elements drawn from their source's picture ({@link ShowsMedia}: images, videos): a still picture is
 * decoded once and held; a moving one (a video, an animated GIF) plays from where the layer's first visible frame
 * needs it.
 */
final class MediaPainter implements LayerPainter {

    @Override
    public List<Painted> paint(Layer layer, PaintContext c) throws IOException, FfmpegException, InterruptedException {
        ShowsMedia media = (ShowsMedia) layer.element();
        AssetRef asset = layer.asset();
        MediaInfo info = asset.info();
        Visual v = layer.element().visual();
        int[] size = croppedSize(layer, v.crop(), info);
        Placement place = Placement.of(v, size[0], size[1], c.output().width(), c.output().height());
        Path file = c.file(asset);
        if (media.picture() && info.isStill()) {
            // A JPEG has no transparency: without an alpha plane, a moving window over it and its overlay cost less.
            LayerSource still = info.isOpaquePicture()
                    ? new LayerSource(file, true, false, List.of(), size[0], size[1], Long.MAX_VALUE)
                    : LayerSource.still(file, size[0], size[1]);
            return List.of(new Painted(still, v, place));
        }
        Path playable = media.picture() ? onePlay(file, c) : file;
        return List.of(new Painted(moving(layer, media.picturePlayback(), playable, info, size, media.picture(), c), v,
                place));
    }

    /**
     * An animated picture as a clip of one play at the movie's frame rate, each frame as long as the picture says:
     * ffmpeg loops a GIF as if its last frame lasted one tick, so looping the GIF itself would flash its last frame.
     * Kept in RGB with its transparency (FFV1), to be converted once like any picture.
     */
    private static Path onePlay(Path file, PaintContext c) throws FfmpegException, InterruptedException {
        Path clip = c.file("_play.mkv");
        List<String> args = new ArrayList<>(MediaProbe.sourceInputOptions());
        args.addAll(List.of("-i", MediaProbe.input(file), "-map", "0:v:0", "-an",
                "-vf", "fps=" + c.output().fps(), "-c:v", "ffv1", "-pix_fmt", "bgra", "-f", "matroska", clip.toString()));
        c.ffmpeg().run("prepare " + file.getFileName() + " to play", args, c.timeout(), null);
        return clip;
    }

    private static int[] croppedSize(Layer layer, Crop c, MediaInfo info) throws IOException {
        if (c == null) {
            return new int[] {info.width(), info.height()};
        }
        if (c.x() >= info.width() || c.y() >= info.height()) {
            throw new IOException(layer.element().where().at("crop") + ": the crop starts outside the source, which is "
                    + info.width() + "x" + info.height() + " pixels");
        }
        return new int[] {Math.min(c.width(), info.width() - c.x()), Math.min(c.height(), info.height() - c.y())};
    }

    /**
     * A video (or animated GIF) positioned at the content the layer's first visible frame needs: the seek plus
     * how far into its play the element already is, looping with {@code -stream_loop}. ffmpeg restarts a looped
     * input at its beginning, not at the seek point, so a seek combined with looping first cuts the looped part
     * into its own file.
     */
    private static LayerSource moving(Layer layer, Playback p, Path file, MediaInfo info, int[] size, boolean alpha,
            PaintContext c) throws FfmpegException, InterruptedException {
        Fps fps = c.output().fps();
        long firstLocal = layer.fromFrame() - layer.startFrame();
        // Frames of content: as long as the element plays, but never more than the source has (after the seek, times
        // its plays); from there its last frame is held (a shorter video with -2, extra-time).
        double available = p.lengthOf(info.pictureLength());
        double content = Double.isNaN(available) ? layer.play() : Math.min(layer.play(), available);
        long playFrames = Math.max(1, fps.frameAt(content));
        long contentFrom = Math.min(firstLocal, playFrames - 1);
        long contentFrames = playFrames - contentFrom;
        double t = fps.timeOf(contentFrom);
        List<String> opts = new ArrayList<>();
        double length = info.pictureLength();
        if (p.loop() == 1 || !(length > 0)) {
            addSeek(opts, p.seek() + t);
            return new LayerSource(file, false, alpha, opts, size[0], size[1], contentFrames);
        }
        Path source = file;
        double seek = p.seek();
        if (seek > 0) {
            source = cutForLooping(file, seek, c.file("_loop.mkv"), c);
            length -= seek;
        }
        long playsDone = (long) Math.floor(t / length);
        long remaining = p.loopsForever() ? -1 : Math.max(1, p.loop() - playsDone);
        opts.addAll(List.of("-stream_loop", Long.toString(remaining < 0 ? -1 : remaining - 1)));
        addSeek(opts, t - playsDone * length);
        return new LayerSource(source, false, alpha, opts, size[0], size[1], contentFrames);
    }

    private static void addSeek(List<String> opts, double seconds) {
        if (seconds > 0) {
            opts.addAll(List.of("-ss", String.format(Locale.ROOT, "%.6f", seconds)));
        }
    }

    private static Path cutForLooping(Path file, double seek, Path target, PaintContext c)
            throws FfmpegException, InterruptedException {
        List<String> args = new ArrayList<>(MediaProbe.sourceInputOptions());
        args.addAll(List.of("-ss", String.format(Locale.ROOT, "%.6f", seek), "-i", MediaProbe.input(file),
                "-map", "0:v:0", "-an", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0",
                "-f", "matroska", target.toString()));
        c.ffmpeg().run("cut " + file.getFileName() + " for looping", args, c.timeout(), null);
        return target;
    }
}
