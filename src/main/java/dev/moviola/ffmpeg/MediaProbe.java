package dev.moviola.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out what a media file contains. Uses ffprobe when there is one; otherwise (the bundled static ffmpeg
 * comes without ffprobe) it reads the stream summary that {@code ffmpeg -i file} prints, which has the same
 * facts with a duration rounded to 10 ms.
 */
public final class MediaProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INPUT = Pattern.compile("^Input #0, (.+), from ");
    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");
    private static final Pattern STREAM = Pattern.compile("^\\s*Stream #0:\\d+.*?: (Video|Audio): (.*)$");
    private static final Pattern SIZE = Pattern.compile("(?:^|[ ,])(\\d{1,5})x(\\d{1,5})(?:[ ,\\[]|$)");
    private static final Pattern ROTATION = Pattern.compile("rotation of (-?[0-9.]+) degrees|rotate\\s*:\\s*(-?[0-9.]+)");

    private final Ffmpeg ffmpeg;

    public MediaProbe(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * @throws FfmpegException when the file can't be opened or decoded; the message has ffmpeg's reason
     */
    /**
     * What produces this probe's answers (the ffmpeg version, and ffprobe or not): probes of the same bytes
     * with the same identity give the same answer, so they can be cached.
     */
    public String identity() {
        return "probe/2 " + ffmpeg.installation().version() + (ffmpeg.installation().ffprobe().isPresent() ? " ffprobe" : " ffmpeg -i");
    }

    /**
     * The demuxers a source is read with: pictures, video and audio files. Not playlists and other containers
     * that open further files or URLs (hls, dash, concat, ffconcat, sdp, …): a downloaded "video" must not make
     * ffmpeg read local files or fetch from the network (docs/security.md#sources-are-read-as-media-only).
     */
    static final String SOURCE_FORMATS = "mov,matroska,webm,avi,mpegts,mpeg,flv,ogg,mp3,wav,aac,flac,aiff,w64,asf,"
            + "caf,gif,image2,png_pipe,jpeg_pipe,webp_pipe,bmp_pipe,tiff_pipe,gif_pipe,svg_pipe,mjpeg,h264,hevc,ivf,"
            + "amr,ac3,eac3,wv,ape,dts,truehd";

    /**
     * Options to put before {@code -i} when reading a source: the file itself only (no other protocol) and only
     * the media demuxers of {@link #SOURCE_FORMATS}.
     */
    public static List<String> sourceInputOptions() {
        return List.of("-protocol_whitelist", "file", "-format_whitelist", SOURCE_FORMATS);
    }

    public MediaInfo probe(Path file) throws FfmpegException, InterruptedException {
        MediaInfo info = ffmpeg.installation().ffprobe().isPresent() ? withFfprobe(file) : withFfmpeg(file);
        if (info.format().equals("gif") && info.frames() == 0) {
            info = new MediaInfo(info.format(), info.duration(), info.videoDuration(), info.audioDuration(),
                    info.hasVideo(), info.hasAudio(), info.width(), info.height(), countFrames(file));
        }
        if (!info.hasVideo() && !info.hasAudio()) {
            throw new FfmpegException("no picture or sound in it");
        }
        return info;
    }

    private MediaInfo withFfprobe(Path file) throws FfmpegException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(ffmpeg.installation().ffprobe().get().toString(), "-v",
                "error", "-print_format", "json", "-show_format", "-show_streams"));
        cmd.addAll(sourceInputOptions());
        cmd.add(input(file));
        Ffmpeg.Result r = ffmpeg.capture("probe", cmd, TIMEOUT);
        refuseOtherContainers(r.stderr());
        if (r.exitCode() != 0) {
            throw new FfmpegException(r.stderr().isEmpty() ? "ffprobe could not read it" : Ffmpeg.explain(r.stderr()));
        }
        try {
            JsonNode root = JSON.readTree(r.stdout());
            JsonNode format = root.path("format");
            double duration = number(format.path("duration"));
            boolean hasVideo = false;
            boolean hasAudio = false;
            double videoDuration = Double.NaN;
            double audioDuration = Double.NaN;
            int width = 0;
            int height = 0;
            long frames = 0;
            for (JsonNode s : root.path("streams")) {
                String type = s.path("codec_type").asText();
                boolean attachedPicture = s.path("disposition").path("attached_pic").asInt() == 1;
                if (type.equals("video") && !hasVideo && !attachedPicture) {
                    hasVideo = true;
                    width = s.path("width").asInt();
                    height = s.path("height").asInt();
                    frames = s.path("nb_frames").asLong(0);
                    videoDuration = number(s.path("duration"));
                    if (isQuarterTurn(rotation(s))) {
                        int t = width;
                        width = height;
                        height = t;
                    }
                    if (Double.isNaN(duration)) {
                        duration = number(s.path("duration"));
                    }
                } else if (type.equals("audio") && !hasAudio) {
                    hasAudio = true;
                    audioDuration = number(s.path("duration"));
                }
            }
            return new MediaInfo(format.path("format_name").asText(""), duration, videoDuration, audioDuration,
                    hasVideo, hasAudio, width, height, frames);
        } catch (IOException e) {
            throw new FfmpegException("ffprobe answered with unreadable JSON: " + e.getMessage());
        }
    }

    private static double rotation(JsonNode stream) {
        for (JsonNode side : stream.path("side_data_list")) {
            if (side.has("rotation")) {
                return side.path("rotation").asDouble();
            }
        }
        return number(stream.path("tags").path("rotate"));
    }

    private MediaInfo withFfmpeg(Path file) throws FfmpegException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(ffmpeg.installation().ffmpeg().toString(), "-hide_banner",
                "-nostdin"));
        cmd.addAll(sourceInputOptions());
        cmd.addAll(List.of("-i", input(file)));
        Ffmpeg.Result r = ffmpeg.capture("probe", cmd, TIMEOUT);
        refuseOtherContainers(r.stderr());
        return parseFfmpegSummary(r.stderr());
    }

    /** Reads the "Input #0 … Duration … Stream #0:0: Video: …" summary ffmpeg prints for its input. */
    static MediaInfo parseFfmpegSummary(List<String> lines) throws FfmpegException {
        String format = null;
        double duration = Double.NaN;
        boolean hasVideo = false;
        boolean hasAudio = false;
        int width = 0;
        int height = 0;
        boolean videoRotated = false;
        boolean inFirstVideo = false;
        for (String line : lines) {
            Matcher m = INPUT.matcher(line);
            if (m.find()) {
                format = m.group(1);
                continue;
            }
            m = DURATION.matcher(line);
            if (m.find()) {
                duration = Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60
                        + Double.parseDouble(m.group(3));
                continue;
            }
            m = STREAM.matcher(line);
            if (m.find()) {
                inFirstVideo = false;
                if (m.group(1).equals("Video") && !hasVideo && !line.contains("(attached pic)")) {
                    Matcher size = SIZE.matcher(m.group(2));
                    if (size.find()) {
                        hasVideo = true;
                        inFirstVideo = true;
                        width = Integer.parseInt(size.group(1));
                        height = Integer.parseInt(size.group(2));
                    }
                } else if (m.group(1).equals("Audio")) {
                    hasAudio = true;
                }
                continue;
            }
            m = ROTATION.matcher(line);
            if (inFirstVideo && m.find()) {
                String deg = m.group(1) != null ? m.group(1) : m.group(2);
                videoRotated = isQuarterTurn(Double.parseDouble(deg));
            }
        }
        if (format == null) {
            List<String> errors = new ArrayList<>(lines);
            errors.removeIf(l -> l.startsWith("At least one output file"));
            throw new FfmpegException(errors.isEmpty() ? "ffmpeg could not read it" : Ffmpeg.explain(errors));
        }
        if (videoRotated) {
            int t = width;
            width = height;
            height = t;
        }
        return new MediaInfo(format, duration, Double.NaN, Double.NaN, hasVideo, hasAudio, width, height, 0);
    }

    /** Decodes a GIF to count its frames: a one-frame GIF is a still, more is an animation. */
    private long countFrames(Path file) throws FfmpegException, InterruptedException {
        long[] frames = {0};
        List<String> cmd = List.of(ffmpeg.installation().ffmpeg().toString(), "-hide_banner", "-nostdin",
                "-loglevel", "error", "-i", input(file), "-map", "0:v:0", "-progress", "pipe:1", "-nostats",
                "-f", "null", "-");
        Ffmpeg.Result r = ffmpeg.capture("count frames", cmd, TIMEOUT);
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("frame=")) {
                frames[0] = Long.parseLong(line.substring(6).trim());
            }
        }
        return frames[0];
    }

    /** A local file as an ffmpeg input: the explicit {@code file:} protocol, so no name is read as a URL. */
    private static void refuseOtherContainers(List<String> stderr) throws FfmpegException {
        for (String line : stderr) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(\\w+) @ [^]]*\\] Format not on whitelist")
                    .matcher(line);
            if (m.find()) {
                throw new FfmpegException("it is a " + m.group(1) + " file (a playlist or another container that"
                        + " refers to other files), which is never read: give the picture, video or sound itself");
            }
        }
    }

    public static String input(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    private static boolean isQuarterTurn(double degrees) {
        return Math.abs(Math.round(degrees / 90.0)) % 2 == 1;
    }

    private static double number(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
