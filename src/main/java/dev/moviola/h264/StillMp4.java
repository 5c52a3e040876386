package dev.moviola.h264;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a still clip ({@link StillStream}: one picture per access unit, in presentation order) as an MP4 timed like
 * ffmpeg's x264 clips, so that the concat demuxer joins them by stream copy: the same timescale, one frame per
 * {@code tick}, and the same decoding delay (x264's clips with B-frames decode {@code reorderFrames} frames ahead of
 * presentation: a constant composition offset and an edit list that starts presentation at 0). SPS and PPS go to the
 * avcC box, the colour description to a colr box. Written here rather than by an ffmpeg process: the clip is a
 * handful of boxes, and a process costs more than the rest of a still scene's bookkeeping.
 */
public final class StillMp4 {
    /** BT.709 primaries, transfer and matrix, limited range: what every Moviola clip carries. */
    private static final int BT709 = 1;

    private StillMp4() {
    }

    /**
     * @param annexB    the still clip's stream, as {@link StillStream#of} returns it
     * @param timescale ticks per second of the clip's track (the other clips')
     * @param tick      ticks per frame
     * @return the parameter sets the clip carries (in its avcC)
     */
    public static ParameterSets write(byte[] annexB, int width, int height, long timescale, long tick, Path target)
            throws IOException, UnsupportedStreamException {
        ParameterSets sets = ParameterSets.fromAnnexB(annexB);
        List<byte[]> samples = new ArrayList<>();
        List<Integer> sync = new ArrayList<>();
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        for (Nal n : Nal.split(annexB)) {
            byte[] nal = n.bytes();
            int type = n.type();
            if (type == 7 || type == 8 || type == 9) {
                continue; // SPS and PPS live in avcC; access unit delimiters are not needed in MP4
            }
            sample.write(new byte[] {(byte) (nal.length >>> 24), (byte) (nal.length >>> 16), (byte) (nal.length >>> 8),
                (byte) nal.length});
            sample.write(nal);
            if (type == 1 || type == 5) { // one slice a picture: the access unit ends here
                if (type == 5) {
                    sync.add(samples.size() + 1);
                }
                samples.add(sample.toByteArray());
                sample.reset();
            }
        }
        if (samples.isEmpty()) {
            throw new UnsupportedStreamException("the still stream holds no picture");
        }
        long delay = (long) sets.reorderFrames() * tick;
        long mediaDuration = samples.size() * tick;
        byte[] ftyp = box("ftyp", concat(ascii("isom"), u32(0x200), ascii("isom"), ascii("iso2"), ascii("avc1"),
                ascii("mp41")));
        long dataSize = samples.stream().mapToLong(s -> s.length).sum();
        byte[] moov = moov(sets, width, height, timescale, tick, delay, mediaDuration, samples, sync, 0);
        long offset = ftyp.length + moov.length + 8L;
        moov = moov(sets, width, height, timescale, tick, delay, mediaDuration, samples, sync, offset);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(target))) {
            out.write(ftyp);
            out.write(moov);
            out.write(u32(8 + dataSize));
            out.write(ascii("mdat"));
            for (byte[] s : samples) {
                out.write(s);
            }
        }
        return sets;
    }

    private static byte[] moov(ParameterSets sets, int width, int height, long timescale, long tick, long delay,
            long mediaDuration, List<byte[]> samples, List<Integer> sync, long dataOffset) throws IOException {
        long movieDuration = mediaDuration * 1000 / timescale;
        byte[] matrix = concat(u32(0x10000), u32(0), u32(0), u32(0), u32(0x10000), u32(0), u32(0), u32(0),
                u32(0x40000000));
        byte[] mvhd = full("mvhd", 0, 0, concat(u32(0), u32(0), u32(1000), u32(movieDuration), u32(0x10000), u16(0x100),
                new byte[10], matrix, new byte[24], u32(2)));
        byte[] tkhd = full("tkhd", 0, 3, concat(u32(0), u32(0), u32(1), u32(0), u32(movieDuration), new byte[8],
                u16(0), u16(0), u16(0), u16(0), matrix, u32((long) width << 16), u32((long) height << 16)));
        byte[] elst = full("elst", 0, 0, concat(u32(1), u32(movieDuration), u32(delay), u16(1), u16(0)));
        byte[] mdhd = full("mdhd", 0, 0, concat(u32(0), u32(0), u32(timescale), u32(mediaDuration), u16(0x55c4),
                u16(0)));
        byte[] hdlr = full("hdlr", 0, 0, concat(u32(0), ascii("vide"), new byte[12], ascii("VideoHandler\0")));
        byte[] vmhd = full("vmhd", 0, 1, new byte[8]);
        byte[] dinf = box("dinf", full("dref", 0, 0, concat(u32(1), full("url ", 0, 1, new byte[0]))));
        byte[] stbl = box("stbl", concat(stsd(sets, width, height),
                full("stts", 0, 0, concat(u32(1), u32(samples.size()), u32(tick))),
                delay > 0 ? full("ctts", 0, 0, concat(u32(1), u32(samples.size()), u32(delay))) : new byte[0],
                full("stss", 0, 0, concat(u32(sync.size()), concat(sync.stream().map(StillMp4::u32).toList()))),
                full("stsc", 0, 0, concat(u32(1), u32(1), u32(samples.size()), u32(1))),
                full("stsz", 0, 0, concat(u32(0), u32(samples.size()),
                        concat(samples.stream().map(s -> u32(s.length)).toList()))),
                full("stco", 0, 0, concat(u32(1), u32(dataOffset)))));
        byte[] minf = box("minf", concat(vmhd, dinf, stbl));
        byte[] trak = box("trak", concat(tkhd, box("edts", elst), box("mdia", concat(mdhd, hdlr, minf))));
        return box("moov", concat(mvhd, trak));
    }

    /** The sample description: avc1 with avcC (ISO/IEC 14496-15 5.3.3.1) and colr. */
    private static byte[] stsd(ParameterSets sets, int width, int height) throws IOException {
        byte[] sps = sets.sps();
        ByteArrayOutputStream avcC = new ByteArrayOutputStream();
        avcC.write(new byte[] {1, sps[1], sps[2], sps[3], (byte) 0xff, (byte) 0xe1});
        avcC.write(u16(sps.length));
        avcC.write(sps);
        avcC.write(1);
        avcC.write(u16(sets.pps().length));
        avcC.write(sets.pps());
        int profile = sps[1] & 0xff;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 144) {
            // chroma_format_idc 1 (4:2:0), 8-bit luma and chroma, no SPS extensions: what Moviola's clips are.
            avcC.write(new byte[] {(byte) 0xfd, (byte) 0xf8, (byte) 0xf8, 0});
        }
        byte[] compressor = new byte[32];
        byte[] colr = box("colr", concat(ascii("nclx"), u16(BT709), u16(BT709), u16(BT709), new byte[] {0}));
        byte[] avc1 = box("avc1", concat(new byte[6], u16(1), new byte[16], u16(width), u16(height), u32(0x00480000),
                u32(0x00480000), u32(0), u16(1), compressor, u16(0x18), u16(0xffff), box("avcC", avcC.toByteArray()),
                colr));
        return full("stsd", 0, 0, concat(u32(1), avc1));
    }

    private static byte[] box(String type, byte[] payload) {
        return concat(u32(8L + payload.length), ascii(type), payload);
    }

    private static byte[] full(String type, int version, int flags, byte[] payload) {
        return box(type, concat(u32(((long) version << 24) | flags), payload));
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] u32(int v) {
        return u32((long) v);
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        return concat(List.of(parts));
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(out)) {
            for (byte[] p : parts) {
                d.write(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
