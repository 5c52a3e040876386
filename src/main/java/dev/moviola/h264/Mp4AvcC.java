package dev.moviola.h264;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the avcC of the first H.264 video track: moov/trak/mdia/minf/stbl/stsd/avc1|avc3/avcC (ISO/IEC 14496-12
 * boxes, 14496-15 §5.3.3.1 AVCDecoderConfigurationRecord). A plain box walker: only moov is read into memory.
 */
final class Mp4AvcC {
    /** moov of a long movie holds its sample tables; anything bigger than this is not one of our clips. */
    private static final long MAX_MOOV = 256L << 20;
    /** After the box header: 6 reserved bytes, data_reference_index, then 70 bytes of VisualSampleEntry fields. */
    private static final int VISUAL_SAMPLE_ENTRY_FIELDS = 78;

    private Mp4AvcC() {
    }

    static ParameterSets read(Path mp4) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(mp4.toFile(), "r")) {
            long pos = 0;
            long end = f.length();
            while (pos + 8 <= end) {
                f.seek(pos);
                long size = f.readInt() & 0xffffffffL;
                int type = f.readInt();
                int header = 8;
                if (size == 1) {
                    size = f.readLong();
                    header = 16;
                } else if (size == 0) {
                    size = end - pos;
                }
                if (size < header) {
                    throw new IOException(mp4 + ": malformed box at offset " + pos);
                }
                if (type == fourcc("moov")) {
                    if (size - header > MAX_MOOV) {
                        throw new IOException(mp4 + ": moov box of " + size + " bytes is too large");
                    }
                    byte[] moov = new byte[(int) (size - header)];
                    f.readFully(moov);
                    ParameterSets ps = fromMoov(ByteBuffer.wrap(moov));
                    if (ps != null) {
                        return ps;
                    }
                    throw new IOException(mp4 + ": no H.264 video track with an avcC box");
                }
                pos += size;
            }
            throw new IOException(mp4 + ": no moov box");
        }
    }

    private static ParameterSets fromMoov(ByteBuffer moov) throws IOException {
        for (ByteBuffer trak : children(moov, "trak")) {
            for (ByteBuffer mdia : children(trak, "mdia")) {
                for (ByteBuffer minf : children(mdia, "minf")) {
                    for (ByteBuffer stbl : children(minf, "stbl")) {
                        for (ByteBuffer stsd : children(stbl, "stsd")) {
                            ParameterSets ps = fromStsd(stsd);
                            if (ps != null) {
                                return ps;
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    private static ParameterSets fromStsd(ByteBuffer stsd) throws IOException {
        stsd.position(stsd.position() + 8); // version, flags, entry_count
        for (String entryType : new String[] {"avc1", "avc3"}) {
            for (ByteBuffer entry : children(stsd.duplicate(), entryType)) {
                entry.position(entry.position() + VISUAL_SAMPLE_ENTRY_FIELDS);
                for (ByteBuffer avcC : children(entry, "avcC")) {
                    return fromAvcC(avcC);
                }
            }
        }
        return null;
    }

    private static ParameterSets fromAvcC(ByteBuffer b) throws IOException {
        try {
            b.position(b.position() + 5); // version, profile, compatibility, level, lengthSizeMinusOne
            int numSps = b.get() & 0x1f;
            byte[] sps = null;
            for (int i = 0; i < numSps; i++) {
                byte[] nal = new byte[b.getShort() & 0xffff];
                b.get(nal);
                sps = sps == null ? nal : sps;
            }
            int numPps = b.get() & 0xff;
            byte[] pps = null;
            for (int i = 0; i < numPps; i++) {
                byte[] nal = new byte[b.getShort() & 0xffff];
                b.get(nal);
                pps = pps == null ? nal : pps;
            }
            if (sps == null || pps == null) {
                throw new IOException("avcC box without " + (sps == null ? "SPS" : "PPS"));
            }
            return new ParameterSets(sps, pps);
        } catch (RuntimeException e) {
            throw new IOException("malformed avcC box: " + e, e);
        }
    }

    /** The payloads of the child boxes of that type, in order, from the buffer's position to its limit. */
    private static List<ByteBuffer> children(ByteBuffer parent, String type) throws IOException {
        List<ByteBuffer> out = new ArrayList<>();
        int want = fourcc(type);
        ByteBuffer b = parent.duplicate();
        while (b.remaining() >= 8) {
            int start = b.position();
            long size = b.getInt() & 0xffffffffL;
            int t = b.getInt();
            int header = 8;
            if (size == 1) {
                size = b.getLong();
                header = 16;
            } else if (size == 0) {
                size = b.limit() - start;
            }
            if (size < header || size > b.limit() - start) {
                throw new IOException("malformed box in the moov box");
            }
            if (t == want) {
                ByteBuffer child = b.duplicate();
                child.position(start + header);
                child.limit((int) (start + size));
                out.add(child.slice());
            }
            b.position((int) (start + size));
        }
        return out;
    }

    private static int fourcc(String s) {
        return (s.charAt(0) << 24) | (s.charAt(1) << 16) | (s.charAt(2) << 8) | s.charAt(3);
    }
}
