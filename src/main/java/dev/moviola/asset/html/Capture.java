package dev.moviola.asset.html;

/**
 * What the browser is asked to draw: a snippet ({@code html}) or a page ({@code url}), exactly one of them; whether
 * Tailwind is injected; how long to wait after the page has loaded ({@code wait}); the picture's size in pixels.
 */
record Capture(String html, String url, boolean tailwind, double waitSeconds, int width, int height) {

    Capture {
        if ((html == null) == (url == null)) {
            throw new IllegalArgumentException("a capture draws either a snippet or a page");
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a capture needs a size, got " + width + "x" + height);
        }
    }
}
