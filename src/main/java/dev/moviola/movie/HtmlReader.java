package dev.moviola.movie;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an html element's own keys: {@code html} (a snippet) or {@code src} (a page URL), {@code tailwind} (or its
 * alias {@code tailwindcss}) and {@code wait}. Its box inherits the movie's size where {@code width}/{@code height}
 * are not given (or are -1), because the browser draws a page of exactly that size.
 */
final class HtmlReader {

    /** The largest page a capture draws: a browser page costs memory in proportion to its pixels. */
    static final int MAX_SIDE = 8192;
    static final long MAX_PIXELS = 7680L * 4320;

    private HtmlReader() {
    }

    static Optional<Element> read(Fields f, Location path, String id, Timing timing, Visual visual,
            Resolution resolution, boolean cache) {
        boolean hasHtml = f.has("html");
        boolean hasSrc = f.has("src");
        String html = null;
        String url = null;
        if (hasHtml && hasSrc) {
            f.error("src", "an html element shows either \"html\" (a snippet) or \"src\" (a page URL), not both;"
                    + " remove one of them");
        } else if (!hasHtml && !hasSrc) {
            f.error(null, "an html element needs \"html\" (a snippet, e.g. \"<h1>Hello</h1>\") or \"src\""
                    + " (the URL of a page, e.g. \"https://example.com/card.html\")");
        } else if (hasHtml) {
            html = f.requiredText("html", "the HTML to draw, e.g. \"<h1>Hello</h1>\"").orElse(null);
        } else {
            url = pageUrl(f);
        }
        boolean tailwind = tailwind(f);
        double wait = f.range("wait", 0, 0, HtmlElement.MAX_WAIT, " of seconds");
        int width = visual.width() != null ? visual.width() : resolution.width();
        int height = visual.height() != null ? visual.height() : resolution.height();
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            f.error(visual.width() != null && width >= height ? "width" : "height", "an html element's box is "
                    + width + "x" + height + " px, and a browser page that large is refused: at most " + MAX_SIDE
                    + " px a side and " + MAX_PIXELS / 1_000_000 + " MP (8K); make the box smaller");
            return Optional.empty();
        }
        Visual box = new Visual(visual.position(), visual.x(), visual.y(), width, height, visual.resize(), visual.crop(),
                visual.flipHorizontal(), visual.flipVertical(), visual.opacity(), visual.zIndex(), visual.effects());
        if (html == null && url == null) {
            return Optional.empty();
        }
        return Optional.of(HtmlElement.of(path, id, timing, box,
                HtmlElement.request(html, url, tailwind, wait, width, height), cache));
    }

    /** {@code src}: an absolute http(s) URL; the page and all it loads are fetched under the address policy. */
    private static String pageUrl(Fields f) {
        Optional<String> written = f.requiredText("src", "the URL of the page to draw, e.g. \"https://example.com/card.html\"");
        if (written.isEmpty()) {
            return null;
        }
        String src = written.get().trim();
        try {
            URI uri = new URI(src);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return src;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        f.error("src", Fields.quote(src) + " is not a page URL; give an http or https URL (\"https://example.com/card.html\"),"
                + " or put the markup itself in \"html\"");
        return null;
    }

    /** {@code tailwind} and {@code tailwindcss} are the same switch (real documents use both spellings). */
    private static boolean tailwind(Fields f) {
        boolean hasShort = f.has("tailwind");
        boolean hasLong = f.has("tailwindcss");
        boolean shortValue = f.bool("tailwind", false);
        boolean longValue = f.bool("tailwindcss", false);
        if (hasShort && hasLong && shortValue != longValue) {
            f.warning("tailwindcss", "differs from \"tailwind\", which is the same setting; \"tailwind\": " + shortValue
                    + " is used");
        }
        return hasShort ? shortValue : longValue;
    }
}
