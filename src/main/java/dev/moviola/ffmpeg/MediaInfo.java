package dev.moviola.ffmpeg;

/**
 * What a media file contains, as far as rendering needs to know.
 *
 * @param format   container/demuxer name as ffmpeg reports it ({@code mov,mp4,…}, {@code png_pipe}, {@code gif})
 * @param duration seconds, or {@link Double#NaN} when the file has no length (a still image)
 * @param videoDuration seconds of the first video stream when the container says (else NaN)
 * @param audioDuration seconds of the first audio stream when the container says (else NaN)
 * @param width    display width (rotation applied), 0 without video
 * @param height   display height (rotation applied), 0 without video
 * @param frames   number of video frames when known cheaply (GIFs), else 0
 */
public record MediaInfo(String format, double duration, double videoDuration, double audioDuration,
        boolean hasVideo, boolean hasAudio, int width, int height, long frames) {

    private static final java.util.Set<String> IMAGE_FORMATS = java.util.Set.of("image2", "png_pipe", "jpeg_pipe",
            "webp_pipe", "bmp_pipe", "tiff_pipe", "gif_pipe", "pam_pipe", "ppm_pipe", "pgm_pipe", "qoi_pipe",
            "jpegxl_pipe", "svg_pipe");

    /** A picture file (JPEG, PNG, WebP, GIF, BMP, TIFF, …), still or animated. */
    public boolean isPicture() {
        return hasVideo && (IMAGE_FORMATS.contains(format) || format.equals("gif"));
    }

    /** A picture with one frame: decoded once and held, never played. */
    public boolean isStill() {
        if (!hasVideo) {
            return false;
        }
        if (format.equals("gif")) {
            return frames <= 1;
        }
        return IMAGE_FORMATS.contains(format) || !(duration > 0);
    }

    /** A picture format that has no transparency (JPEG): it can be drawn without an alpha plane. */
    public boolean isOpaquePicture() {
        return format.equals("jpeg_pipe") || format.equals("jpegls_pipe");
    }

    /** Seconds of picture: the video stream's own length when known (sound may run a little longer). */
    public double pictureLength() {
        return videoDuration > 0 ? videoDuration : duration;
    }

    /** Seconds of sound: the audio stream's own length when known. */
    public double soundLength() {
        return audioDuration > 0 ? audioDuration : duration;
    }

    /** True when the file has a length of its own (a video, a sound, an animated GIF). */
    public boolean hasLength() {
        return !isStill() && duration > 0;
    }
}
