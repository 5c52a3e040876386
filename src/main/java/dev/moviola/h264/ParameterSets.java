package dev.moviola.h264;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SPS and PPS NAL units of a stream (payload bytes without start code, header byte included, emulation
 * prevention kept: the form avcC stores), compared by content. Clips are joined by stream copy, and the MP4 muxer and
 * the concat demuxer keep only the first clip's parameter sets, so every clip of a movie must carry byte-identical
 * ones (study §3.1): this is what the renderer compares.
 */
public record ParameterSets(byte[] sps, byte[] pps) {
    public ParameterSets {
        sps = sps.clone();
        pps = pps.clone();
    }

    @Override
    public byte[] sps() {
        return sps.clone();
    }

    @Override
    public byte[] pps() {
        return pps.clone();
    }

    /** The first SPS and the first PPS of an Annex B stream. */
    public static ParameterSets fromAnnexB(byte[] annexB) {
        byte[] sps = null;
        byte[] pps = null;
        for (Nal n : Nal.split(annexB)) {
            if (n.type() == Nal.SPS && sps == null) {
                sps = n.bytes();
            } else if (n.type() == Nal.PPS && pps == null) {
                pps = n.bytes();
            }
        }
        if (sps == null || pps == null) {
            throw new IllegalArgumentException("the H.264 stream has no " + (sps == null ? "SPS (nal_unit_type 7)"
                    : "PPS (nal_unit_type 8)"));
        }
        return new ParameterSets(sps, pps);
    }

    /** The first SPS and PPS of the avcC box of the MP4's first H.264 video track. */
    public static ParameterSets fromMp4(Path mp4) throws IOException {
        return Mp4AvcC.read(mp4);
    }

    /**
     * Decode delay in frames of streams with this SPS (how many frames a decoder holds before the first output, so
     * the DTS shift a clip's MP4 needs to join x264 clips of the same settings): VUI bitstream_restriction
     * max_num_reorder_frames when present. Without it: 2 for pic_order_cnt_type 0, because x264 writes POC type 0
     * only when it uses B-frames (or interlacing), and its B-pyramid reorders by at most 2 frames; 0 otherwise,
     * because POC type 2 makes output order equal decoding order (8.2.1.3), so nothing is reordered.
     */
    public int reorderFrames() {
        Sps s;
        try {
            s = Sps.parse(new Nal(sps));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("malformed SPS " + HexFormat.of().formatHex(sps) + ": " + e.getMessage(), e);
        }
        if (s.maxNumReorderFrames() >= 0) {
            return s.maxNumReorderFrames();
        }
        return s.picOrderCntType() == 0 ? 2 : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSets p && Arrays.equals(sps, p.sps) && Arrays.equals(pps, p.pps);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sps) + Arrays.hashCode(pps);
    }

    @Override
    public String toString() {
        return "ParameterSets[sps=" + HexFormat.of().formatHex(sps) + ", pps=" + HexFormat.of().formatHex(pps) + "]";
    }
}
