package dev.moviola.asset.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The page a snippet is drawn in, and Tailwind's browser build, shipped inside Moviola (MIT licence beside it): a
 * render never loads Tailwind from a CDN, so it works offline and cannot be changed from outside.
 */
final class HtmlDocument {
    /** The Tailwind build shipped (@tailwindcss/browser): part of a capture's cache key. */
    static final String TAILWIND_VERSION = "4.3.4";
    private static final String TAILWIND_RESOURCE = "/dev/moviola/html/tailwindcss-browser-" + TAILWIND_VERSION + ".js";
    private static volatile String tailwind;

    private HtmlDocument() {
    }

    /**
     * A snippet as a page: UTF-8, the page and its body as tall as the box (so {@code height: 50%} or Tailwind's
     * {@code h-1/2} mean half the box, as an author placing things in a box expects; the snippet's own styles come
     * later and win), and with Tailwind asked for, its script before the snippet so it styles the snippet's classes as
     * the page loads. A snippet that is a whole document ({@code <html>…}) is still one: the parser merges what comes
     * before it.
     */
    static String of(String snippet, boolean withTailwind) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html><meta charset=\"utf-8\">"
                + "<style>html, body { height: 100%; }</style>");
        if (withTailwind) {
            page.append("<script>").append(tailwind()).append("</script>");
        }
        return page.append(snippet).toString();
    }

    /** Tailwind's browser build, read once. */
    static String tailwind() {
        String t = tailwind;
        if (t == null) {
            try (InputStream in = HtmlDocument.class.getResourceAsStream(TAILWIND_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Tailwind is missing from Moviola's jar: " + TAILWIND_RESOURCE);
                }
                t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tailwind = t;
        }
        return t;
    }
}
