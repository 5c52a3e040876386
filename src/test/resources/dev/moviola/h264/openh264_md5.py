#!/usr/bin/env python3
"""Decodes a raw H.264 Annex B file with Cisco OpenH264 (Debian package libopenh264-7) through ctypes and prints
the md5 of every output frame (packed I420 planes, cropped size), one per line, like FFmpeg's framemd5 does.

Exit status: 0 ok; 2 usage; 3 library missing; 4 decoder error. No C compiler is needed: the ISVCDecoder object is
a pointer to a vtable whose first entries are Initialize, Uninitialize, DecodeFrame, DecodeFrameNoDelay,
DecodeFrame2, FlushFrame, ... (codec_api.h), each taking the object as first argument."""
import ctypes
import hashlib
import sys

LIBRARIES = ("libopenh264.so.7", "/usr/lib/x86_64-linux-gnu/libopenh264.so.7", "libopenh264.so")


class SVideoProperty(ctypes.Structure):
    _fields_ = [("size", ctypes.c_uint), ("eVideoBsType", ctypes.c_int)]


class SDecodingParam(ctypes.Structure):
    _fields_ = [("pFileNameRestructed", ctypes.c_char_p), ("uiCpuLoad", ctypes.c_uint),
                ("uiTargetDqLayer", ctypes.c_ubyte), ("eEcActiveIdc", ctypes.c_int), ("bParseOnly", ctypes.c_bool),
                ("sVideoProperty", SVideoProperty)]


class SSysMEMBuffer(ctypes.Structure):
    _fields_ = [("iWidth", ctypes.c_int), ("iHeight", ctypes.c_int), ("iFormat", ctypes.c_int),
                ("iStride", ctypes.c_int * 2)]


class SBufferInfo(ctypes.Structure):
    _fields_ = [("iBufferStatus", ctypes.c_int), ("uiInBsTimeStamp", ctypes.c_ulonglong),
                ("uiOutYuvTimeStamp", ctypes.c_ulonglong), ("sSystemBuffer", SSysMEMBuffer),
                ("pDst", ctypes.c_void_p * 3)]


def load():
    for name in LIBRARIES:
        try:
            return ctypes.CDLL(name)
        except OSError:
            pass
    sys.stderr.write("OpenH264 library not found (install the Debian package libopenh264-7)\n")
    sys.exit(3)


def access_units(data):
    """Splits the stream into access units: a new one starts at an AUD, SPS or PPS that follows a slice, or at a
    slice with first_mb_in_slice 0 that follows a slice (first_mb_in_slice 0 is the bit pattern 1 after the header)."""
    starts = []
    i = 0
    while True:
        j = data.find(b"\x00\x00\x01", i)
        if j < 0:
            break
        starts.append(j + 3)
        i = j + 3
    units, current, seen_slice = [], bytearray(), False
    for k, s in enumerate(starts):
        end = starts[k + 1] - 3 if k + 1 < len(starts) else len(data)
        nal = data[s:end].rstrip(b"\x00")
        if not nal:
            continue
        t = nal[0] & 0x1F
        vcl = 1 <= t <= 5
        new_au = seen_slice and ((t in (6, 7, 8, 9)) or (vcl and len(nal) > 1 and nal[1] & 0x80))
        if new_au:
            units.append(bytes(current))
            current, seen_slice = bytearray(), False
        current += b"\x00\x00\x00\x01" + nal
        seen_slice = seen_slice or vcl
    if current:
        units.append(bytes(current))
    return units


def frame_md5(info, planes):
    buf = info.sSystemBuffer
    w, h = buf.iWidth, buf.iHeight
    md5 = hashlib.md5()
    for plane in range(3):
        pw, ph = (w, h) if plane == 0 else ((w + 1) // 2, (h + 1) // 2)
        stride = buf.iStride[0 if plane == 0 else 1]
        base = planes[plane]
        for row in range(ph):
            md5.update(ctypes.string_at(base + row * stride, pw))
    return md5.hexdigest()


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: openh264_md5.py file.h264\n")
        sys.exit(2)
    lib = load()
    decoder = ctypes.c_void_p()
    if lib.WelsCreateDecoder(ctypes.byref(decoder)) != 0 or not decoder:
        sys.stderr.write("WelsCreateDecoder failed\n")
        sys.exit(4)
    vtable = ctypes.cast(ctypes.cast(decoder, ctypes.POINTER(ctypes.c_void_p))[0], ctypes.POINTER(ctypes.c_void_p))
    initialize = ctypes.CFUNCTYPE(ctypes.c_long, ctypes.c_void_p, ctypes.POINTER(SDecodingParam))(vtable[0])
    uninitialize = ctypes.CFUNCTYPE(ctypes.c_long, ctypes.c_void_p)(vtable[1])
    decode_no_delay = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                       ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(SBufferInfo))(vtable[3])
    flush_frame = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p),
                                   ctypes.POINTER(SBufferInfo))(vtable[5])
    param = SDecodingParam()
    param.eEcActiveIdc = 0  # ERROR_CON_DISABLE: a broken frame is an error, not concealed
    param.sVideoProperty.size = ctypes.sizeof(SVideoProperty)
    param.sVideoProperty.eVideoBsType = 0  # VIDEO_BITSTREAM_AVC
    if initialize(decoder, ctypes.byref(param)) != 0:
        sys.stderr.write("Initialize failed\n")
        sys.exit(4)
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    status = 0
    for n, au in enumerate(access_units(data)):
        dst = (ctypes.c_void_p * 3)()
        info = SBufferInfo()
        state = decode_no_delay(decoder, au, len(au), dst, ctypes.byref(info))
        if state != 0:
            sys.stderr.write("access unit %d: DecodeFrameNoDelay returned state 0x%x\n" % (n, state))
            status = 4
            break
        if info.iBufferStatus == 1:
            print(frame_md5(info, dst))
    # frames held back for reordering (POC type 0 streams) come out of FlushFrame after the last access unit
    for _ in range(32):
        if status != 0:
            break
        dst = (ctypes.c_void_p * 3)()
        info = SBufferInfo()
        state = flush_frame(decoder, dst, ctypes.byref(info))
        if state != 0:
            sys.stderr.write("FlushFrame returned state 0x%x\n" % state)
            status = 4
        elif info.iBufferStatus == 1:
            print(frame_md5(info, dst))
        else:
            break
    uninitialize(decoder)
    lib.WelsDestroyDecoder(decoder)
    sys.stdout.flush()
    sys.exit(status)


if __name__ == "__main__":
    main()
