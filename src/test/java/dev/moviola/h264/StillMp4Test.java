package dev.moviola.h264;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Still clips as MP4s: read by ffprobe and ffmpeg as x264's clips are, frame for frame. */
class StillMp4Test {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"ultrafast, 0", "veryfast, 6000", "medium, 6000"})
    void timedLikeX264sClipsWithTheSameDecodingDelay(String preset, long delay) throws Exception {
        byte[] x264 = X264Runs.encode(dir, preset, 23, 320, 180, 1, "-x264-params", "stitchable=1");
        String idr = X264Runs.framemd5(X264Runs.write(dir, "idr.h264", x264)).get(0);
        byte[] still = StillStream.of(x264, 300, 100);
        Path mp4 = dir.resolve("still.mp4");
        StillMp4.write(still, 320, 180, 90_000, 3000, mp4);

        assertThat(X264Runs.ffmpeg(List.of("-v", "error", "-i", mp4.toString(), "-f", "null", "-")).stderr())
                .as("decoder messages").isEmpty();
        assertThat(X264Runs.framemd5(mp4)).hasSize(300).containsOnly(idr);
        List<String> packets = X264Runs.ffprobe(List.of("-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts,dts,duration,flags", "-of", "csv=p=0", mp4.toString())).stdout().lines().toList();
        assertThat(packets).hasSize(300);
        for (int i = 0; i < 300; i++) {
            String[] f = packets.get(i).split(",");
            assertThat(Long.parseLong(f[0])).as("pts of %d", i).isEqualTo(i * 3000L);
            assertThat(Long.parseLong(f[1])).as("dts of %d", i).isEqualTo(i * 3000L - delay);
            assertThat(Long.parseLong(f[2])).isEqualTo(3000);
            assertThat(f[3].startsWith("K")).as("keyframe %d", i).isEqualTo(i % 100 == 0 && i < 299);
        }
        String stream = X264Runs.ffprobe(List.of("-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height,time_base,r_frame_rate,avg_frame_rate,duration,nb_frames,color_range,"
                        + "color_space,color_transfer,color_primaries", "-of", "default=nw=1", mp4.toString())).stdout();
        assertThat(stream).contains("codec_name=h264", "width=320", "height=180", "time_base=1/90000",
                "r_frame_rate=30/1", "avg_frame_rate=30/1", "duration=10.000000", "nb_frames=300", "color_range=tv",
                "color_space=bt709", "color_transfer=bt709", "color_primaries=bt709");
        assertThat(ParameterSets.fromMp4(mp4)).isEqualTo(ParameterSets.fromAnnexB(x264));
    }
}
