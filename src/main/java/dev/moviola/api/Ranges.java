package dev.moviola.api;

import dev.moviola.storage.BlobStore;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves a stored file honouring a single byte range (RFC 9110 §14): exactly the bytes asked for, so players
 * can seek and downloads can resume. Several ranges in one request are answered with the whole file, which
 * the RFC allows.
 */
final class Ranges {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private Ranges() {
    }

    static void serve(Context ctx, BlobStore blobs, String key, long size, String contentType) throws IOException {
        ctx.header("Accept-Ranges", "bytes").contentType(contentType);
        long start = 0;
        long end = size - 1;
        String header = ctx.header("Range");
        Matcher m = header == null ? null : RANGE.matcher(header.trim());
        boolean partial = m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty());
        if (partial) {
            try {
                if (m.group(1).isEmpty()) { // the last N bytes
                    start = Math.max(0, size - Long.parseLong(m.group(2)));
                } else {
                    start = Long.parseLong(m.group(1));
                    end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                }
            } catch (NumberFormatException e) { // absurdly long numbers
                start = size;
            }
            if (start >= size || start > end) {
                ctx.status(416).header("Content-Range", "bytes */" + size).result(new byte[0]);
                return;
            }
            ctx.status(206).header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        } else {
            ctx.status(200);
        }
        long length = end - start + 1;
        ctx.header("Content-Length", Long.toString(length));
        OutputStream out = ctx.res().getOutputStream();
        try (InputStream in = blobs.open(key, start, length)) {
            byte[] buf = new byte[1 << 16];
            for (long left = length; left > 0; ) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
        out.flush();
    }
}
