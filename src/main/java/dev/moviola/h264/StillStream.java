package dev.moviola.h264;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A still clip's bitstream: the IDR access unit of an x264 run, then generated all-P_Skip reference frames.
 *
 * <p>Why: x264 pays 5–35 ms of CPU for every identical 1080p frame; a generated skip frame costs microseconds and
 * 8 bytes (CAVLC) or about 65 bytes (CABAC), the same as x264's own converged skip frames. The clip starts on an IDR
 * and no x264 slice header is parsed, so it joins other clips of the same x264 settings by stream copy (study
 * static-frames.md §2.4 "Fix C").
 */
public final class StillStream {
    private static final byte[] START_CODE = {0, 0, 0, 1};
    /** Access unit delimiter with primary_pic_type 1 (I and P slices), written when x264 wrote delimiters. */
    private static final byte[] AUD_P = {0x09, 0x30};

    private StillStream() {
    }

    /**
     * @param x264AnnexB raw Annex B output of x264 (ffmpeg -c:v libx264 ... -f h264); only its first access unit
     *                   (everything up to and including the first IDR slice NAL, i.e. AUD/SPS/PPS/SEI/IDR) is used
     * @param frames     frames of the still, >= 1 (the IDR counts as the first)
     * @param keyint     the IDR access unit is re-emitted byte for byte every keyint frames (seeking), >= 1; frame
     *                   numbering restarts after each. Not as the clip's last frame: the next clip starts with an
     *                   IDR of the same idr_pic_id, and two consecutive IDR access units must differ in it (7.4.3).
     *                   For the same reason keyint 1 is not conforming, and a 1-frame still must not be followed
     *                   directly by another clip's IDR with x264's idr_pic_id 0
     * @return Annex B bytes (4-byte start codes) holding exactly {@code frames} access units
     * @throws UnsupportedStreamException when the SPS/PPS use something this writer does not write for
     *         (the message says which field and value): the caller then encodes the frames with x264 instead
     */
    public static byte[] of(byte[] x264AnnexB, int frames, int keyint) throws UnsupportedStreamException {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1: " + frames);
        }
        if (keyint < 1) {
            throw new IllegalArgumentException("keyint must be >= 1: " + keyint);
        }
        FirstAccessUnit au = FirstAccessUnit.of(x264AnnexB);
        SkipFrameWriter writer = new SkipFrameWriter(au.sps(), au.pps());
        boolean aud = au.nals().get(0).type() == Nal.AUD;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lastIdr = 0;
        for (int i = 0; i < frames; i++) {
            int k = i - lastIdr;
            if (i == 0 || (k >= keyint && i < frames - 1)) {
                lastIdr = i;
                for (Nal nal : au.nals()) {
                    out.writeBytes(START_CODE);
                    out.writeBytes(nal.bytes());
                }
            } else {
                if (aud) {
                    out.writeBytes(START_CODE);
                    out.writeBytes(AUD_P);
                }
                out.writeBytes(START_CODE);
                out.writeBytes(writer.frame(k));
            }
        }
        return out.toByteArray();
    }

    /** The NAL units of x264's first access unit and the parameter sets its IDR slice uses. */
    record FirstAccessUnit(List<Nal> nals, Sps sps, Pps pps) {
        static FirstAccessUnit of(byte[] annexB) throws UnsupportedStreamException {
            List<Nal> all = Nal.split(annexB);
            int idr = -1;
            for (int i = 0; i < all.size() && idr < 0; i++) {
                Nal n = all.get(i);
                if (n.type() == Nal.IDR) {
                    idr = i;
                } else if (n.isVcl()) {
                    throw new UnsupportedStreamException("the first access unit is not an IDR picture: its slice has "
                            + "nal_unit_type " + n.type() + " (expected 5)");
                }
            }
            if (idr < 0) {
                throw new UnsupportedStreamException("no IDR slice (nal_unit_type 5) in the stream (" + all.size()
                        + " NAL units)");
            }
            List<Nal> nals = List.copyOf(all.subList(0, idr + 1));
            try {
                BitReader slice = new BitReader(all.get(idr).rbsp(), 1);
                int firstMb = slice.ue();
                slice.ue(); // slice_type
                int ppsId = slice.ue();
                if (firstMb != 0) {
                    throw new UnsupportedStreamException("IDR slice first_mb_in_slice " + firstMb + ": the IDR picture "
                            + "has more than one slice");
                }
                if (idr + 1 < all.size() && all.get(idr + 1).isVcl() && firstMbOf(all.get(idr + 1)) != 0) {
                    throw new UnsupportedStreamException("the IDR picture has more than one slice (a second slice "
                            + "with first_mb_in_slice " + firstMbOf(all.get(idr + 1)) + "; x264 slices=N)");
                }
                Nal ppsNal = find(nals, Nal.PPS, ppsId);
                if (ppsNal == null) {
                    throw new UnsupportedStreamException("no PPS with pic_parameter_set_id " + ppsId
                            + " before the IDR slice");
                }
                int spsId = Pps.spsIdOf(ppsNal);
                Nal spsNal = find(nals, Nal.SPS, spsId);
                if (spsNal == null) {
                    throw new UnsupportedStreamException("no SPS with seq_parameter_set_id " + spsId
                            + " before the IDR slice");
                }
                Sps sps = Sps.parse(spsNal);
                return new FirstAccessUnit(nals, sps, Pps.parse(ppsNal, sps.chromaFormatIdc()));
            } catch (IllegalArgumentException e) {
                throw new UnsupportedStreamException("malformed SPS, PPS or IDR slice header: " + e.getMessage());
            }
        }

        private static int firstMbOf(Nal slice) {
            return new BitReader(slice.rbsp(), 1).ue();
        }

        /** The last SPS or PPS with that id (a later one replaces an earlier one). */
        private static Nal find(List<Nal> nals, int type, int id) {
            Nal found = null;
            for (Nal n : nals) {
                if (n.type() == type && idOf(n) == id) {
                    found = n;
                }
            }
            return found;
        }

        private static int idOf(Nal parameterSet) {
            BitReader r = new BitReader(parameterSet.rbsp(), 1);
            if (parameterSet.type() == Nal.SPS) {
                r.u(24); // profile_idc, constraint flags, level_idc
            }
            return r.ue();
        }
    }
}
