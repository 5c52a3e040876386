package dev.moviola.h264;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated slice headers as FFmpeg's own bitstream parser reads them ({@code -bsf:v trace_headers}). */
class TraceHeadersTest {
    private static final Pattern FIELD = Pattern.compile("^\\[trace_headers @ [^\\]]+\\]\\s+\\d+\\s+(\\S+)\\s+[01]+ = (-?\\d+)\\s*$");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ultrafast, 0, 0", "veryfast, 1, 1", "medium, 1, 1"})
    void headersCarryTheStudysValues(String preset, int pocType0, int weighted) {
        byte[] x264 = X264Runs.encode(dir, preset, 23, 320, 180, 1);
        int frames = 40;
        byte[] still = StillClipDecodeTest.uncheckedStill(x264, frames, 250);
        Path file = X264Runs.write(dir, "still.h264", still);
        X264Runs.Result r = X264Runs.ffmpeg(List.of("-v", "info", "-i", file.toString(), "-c:v", "copy",
                "-bsf:v", "trace_headers", "-f", "null", "-"));
        assertThat(r.exit()).as(r.stderr()).isZero();
        List<Map<String, Integer>> slices = new ArrayList<>();
        Map<String, Integer> nal = null;
        for (String line : r.stderr().split("\n")) {
            Matcher m = FIELD.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).equals("forbidden_zero_bit")) {
                nal = new LinkedHashMap<>();
            }
            if (nal != null) {
                nal.putIfAbsent(m.group(1), Integer.parseInt(m.group(2)));
                if (m.group(1).equals("nal_unit_type") && m.group(2).equals("1")) {
                    slices.add(nal);
                }
            }
        }
        assertThat(slices).hasSize(frames - 1);
        int pps23 = 23;
        for (int i = 0; i < slices.size(); i++) {
            Map<String, Integer> s = slices.get(i);
            int k = i + 1;
            assertThat(s.get("nal_ref_idc")).isEqualTo(2);
            assertThat(s.get("first_mb_in_slice")).isZero();
            assertThat(s.get("slice_type")).isEqualTo(5);
            assertThat(s.get("frame_num")).as("frame %d", k).isEqualTo(k % 16);
            if (pocType0 == 1) {
                assertThat(s.get("pic_order_cnt_lsb")).as("frame %d", k).isEqualTo((2 * k) % 64);
            } else {
                assertThat(s).doesNotContainKey("pic_order_cnt_lsb");
            }
            assertThat(s.get("num_ref_idx_active_override_flag")).isEqualTo(1);
            assertThat(s.get("num_ref_idx_l0_active_minus1")).isZero();
            assertThat(s.get("ref_pic_list_modification_flag_l0")).isZero();
            if (weighted == 1) {
                assertThat(s.get("luma_log2_weight_denom")).isZero();
                assertThat(s.get("chroma_log2_weight_denom")).isZero();
                assertThat(s.get("luma_weight_l0_flag[0]")).isZero();
                assertThat(s.get("chroma_weight_l0_flag[0]")).isZero();
            } else {
                assertThat(s).doesNotContainKey("luma_log2_weight_denom");
            }
            assertThat(s.get("adaptive_ref_pic_marking_mode_flag")).isZero();
            assertThat(s.get("slice_qp_delta")).isEqualTo(26 - pps23);
            assertThat(s.get("disable_deblocking_filter_idc")).isEqualTo(1);
            if (pocType0 == 1) {
                assertThat(s.get("cabac_init_idc")).isZero();
            }
        }
    }
}
