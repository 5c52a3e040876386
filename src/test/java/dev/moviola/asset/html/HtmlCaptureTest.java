package dev.moviola.asset.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.asset.Generator;
import dev.moviola.movie.HtmlElement;
import dev.moviola.net.Access;
import dev.moviola.net.SafeHttp;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What headless Chromium draws for an html element: Tailwind's classes styled offline, transparency where the page
 * draws nothing, {@code wait} letting the page's scripts run before the capture, and — under the server's address
 * policy — no request from the page reaching a loopback or metadata address (the local server sees none).
 */
class HtmlCaptureTest {
    @TempDir
    Path dir;

    private final LocalHttp server = new LocalHttp();
    private HtmlGenerator generator;

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(HtmlGenerator.PROGRAMS.stream().anyMatch(HtmlCaptureTest::onPath),
                "html capture needs Chromium: apt-get install chromium");
    }

    @AfterEach
    void close() {
        if (generator != null) {
            generator.close();
        }
        server.close();
    }

    @Test
    void tailwindClassesAreStyledOfflineAndTheRestIsTransparent() throws Exception {
        BufferedImage img = capture(open(), """
                <div class="bg-red-500 w-full h-1/2"></div>
                <p class="absolute right-0 bottom-0 m-0 px-2 text-[30px] leading-none bg-[#00ff00] text-[#0000ff]">Hi</p>""",
                true, 0);
        assertThat(img.getWidth()).isEqualTo(160);
        assertThat(img.getHeight()).isEqualTo(90);
        assertThat(argb(img, 10, 10)).as("bg-red-500 (Tailwind v4: oklch(63.7%% 0.237 25.331))")
                .satisfies(p -> near(p, 255, 251, 44, 54));
        assertThat(argb(img, 150, 40)).as("the red half spans the width").satisfies(p -> near(p, 255, 251, 44, 54));
        assertThat(alpha(img, 10, 80)).as("below the red half, left: nothing drawn, transparent").isZero();
        assertThat(argb(img, 157, 87)).as("the text's green box sits at the bottom right (absolute right-0 bottom-0)")
                .satisfies(p -> near(p, 255, 0, 255, 0));
        assertThat(countBlue(img, 100, 55, 60, 35)).as("its blue letters").isGreaterThan(10);
    }

    @Test
    void withoutTailwindTheClassesMeanNothing() throws Exception {
        BufferedImage img = capture(open(), "<div class=\"bg-red-500 w-full h-1/2\">&nbsp;</div>", false, 0);
        assertThat(alpha(img, 20, 20)).as("no Tailwind: the div has no background").isZero();
    }

    @Test
    void aBoxLargerThanTheBrowsersWindowIsCapturedWhole() throws Exception {
        generator = generator(open());
        BufferedImage img = generate(HtmlElement.request("""
                <div style="position: absolute; right: 0; bottom: 0; width: 20px; height: 20px; background: #ff0000"></div>""",
                null, false, 0, 1920, 1080));
        assertThat(img.getWidth()).isEqualTo(1920);
        assertThat(img.getHeight()).isEqualTo(1080);
        assertThat(argb(img, 1910, 1070)).as("the far corner of a full-HD box").satisfies(p -> near(p, 255, 255, 0, 0));
        assertThat(alpha(img, 960, 540)).isZero();
    }

    @Test
    void waitLetsThePageScriptsRunBeforeTheCapture() throws Exception {
        String page = """
                <style>html, body { margin: 0; height: 100%; }</style>
                <div id="d" style="width: 100%; height: 100%; background: #ff0000"></div>
                <script>setTimeout(() => document.getElementById('d').style.background = '#0000ff', 300)</script>""";
        generator = generator(open());
        assertThat(argb(capture(page, false, 0.6), 80, 45)).as("after 0.6 s the script has run: blue")
                .satisfies(p -> near(p, 255, 0, 0, 255));
        assertThat(argb(capture(page, false, 0), 80, 45)).as("at once: still red")
                .satisfies(p -> near(p, 255, 255, 0, 0));
    }

    @Test
    void thePagesOwnRequestsAreFetchedForIt() throws Exception {
        String green = server.serve("green.png", TestMedia.solid(dir, "green.png", "0x00ff00", 160, 90));
        String red = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(
                Files.readAllBytes(TestMedia.solid(dir, "red.png", "0xff0000", 20, 20)));
        BufferedImage img = capture(open(), "<img style=\"position:absolute; left:0; top:0\" src=\"" + green + "\">"
                + "<img style=\"position:absolute; left:0; top:0\" src=\"" + red + "\">", false, 0);
        assertThat(server.hits("green.png")).as("the CLI's policy: any address").isEqualTo(1);
        assertThat(argb(img, 80, 45)).satisfies(p -> near(p, 255, 0, 255, 0));
        assertThat(argb(img, 10, 10)).as("a data: URL works").satisfies(p -> near(p, 255, 255, 0, 0));
    }

    @Test
    void aPageFromSrcIsDrawnWithItsOwnFiles() throws Exception {
        Path html = dir.resolve("card.html");
        Files.writeString(html, "<body style=\"margin:0\"><div class=\"bg-[#0000ff] w-[80px] h-[90px]\"></div></body>");
        String url = server.serve("card.html", html);
        generator = generator(open());
        BufferedImage img = generate(HtmlElement.request(null, url, true, 0, 160, 90));
        assertThat(argb(img, 40, 45)).as("Tailwind styles a page from src too").satisfies(p -> near(p, 255, 0, 0, 255));
        assertThat(alpha(img, 120, 45)).isZero();
        assertThatThrownBy(() -> generate(HtmlElement.request(null, server.url("missing.html"), false, 0, 160, 90)))
                .isInstanceOf(Generator.GeneratorException.class).hasMessageContaining("answered HTTP 404");
    }

    @Test
    void inTheServerAPageReachesNoLoopbackNorMetadataAddress() throws Exception {
        server.serve("green.png", TestMedia.solid(dir, "green.png", "0x00ff00", 40, 40));
        int port = port(server.url("green.png"));
        // public.test stands for a public site the operator allows by name; the browser could not even resolve it:
        // that its picture shows proves the page's requests are fetched by Moviola, under the policy.
        String page = """
                <style>body { margin: 0 } .bg { width: 160px; height: 20px; background: url('%s') }</style>
                <img src="http://public.test:%d/green.png" style="position: absolute; left: 0; top: 0">
                <img src="%s"><img src="http://169.254.169.254/latest/meta-data/x.png">
                <div class="bg"></div>
                <script>fetch('%s').catch(() => {}); new Image().src = 'http://[::1]:%d/v6.png';</script>
                <iframe src="%s"></iframe>""".formatted(server.url("css.png"), port, server.url("loopback.png"),
                server.url("fetched"), port, server.url("frame.html"));
        BufferedImage img = capture(server(), page, false, 0.3);
        assertThat(argb(img, 20, 20)).as("the allowed public site's picture shows").satisfies(p -> near(p, 255, 0, 255, 0));
        assertThat(server.hits("green.png")).isEqualTo(1);
        assertThat(server.requests()).as("the local server saw no other request from the page").isEqualTo(1);
        assertThat(countGreen(img)).as("only the allowed picture is drawn").isLessThanOrEqualTo(40 * 40);
    }

    @Test
    void inTheServerAPageAtALoopbackAddressIsRefusedWithTheReason() throws Exception {
        Path html = dir.resolve("card.html");
        Files.writeString(html, "<p>hello</p>");
        String url = server.serve("card.html", html);
        generator = generator(server());
        assertThatThrownBy(() -> generate(HtmlElement.request(null, url, false, 0, 160, 90)))
                .isInstanceOf(Generator.GeneratorException.class)
                .hasMessageContaining("could not be loaded").hasMessageContaining("127.0.0.1");
        assertThat(server.requests()).isZero();
    }

    @Test
    void oneBrowserDrawsManyCapturesAtOnce() throws Exception {
        generator = generator(open());
        java.util.concurrent.ExecutorService four = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<BufferedImage>> shots = new java.util.ArrayList<>();
            String[] colours = {"#ff0000", "#00ff00", "#0000ff", "#ffff00"};
            for (String c : colours) {
                shots.add(four.submit(() -> capture("<div style=\"position: absolute; inset: 0; background: " + c
                        + "\"></div>", false, 0.2)));
            }
            int[][] expected = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}};
            for (int i = 0; i < colours.length; i++) {
                int[] e = expected[i];
                assertThat(argb(shots.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS), 80, 45))
                        .as("capture %d shows its own page", i).satisfies(p -> near(p, 255, e[0], e[1], e[2]));
            }
        } finally {
            four.shutdownNow();
        }
        assertThat(generator.browserStarts()).as("one browser for all of them").isEqualTo(1);
    }

    @Test
    void aPageThatNeverFinishesFailsAtTheTimeLimitAndTheNextCaptureWorks() throws Exception {
        generator = new HtmlGenerator(Optional.empty(), dir, this::open, 1 << 20, 4 << 20, Duration.ofSeconds(5),
                Duration.ofSeconds(4), BrowserPool.CAPTURES_PER_BROWSER);
        long start = System.nanoTime();
        assertThatThrownBy(() -> generate(HtmlElement.request("<script>while (true) {}</script>", null, false, 0,
                160, 90))).isInstanceOf(Generator.GeneratorException.class).hasMessageContaining("time");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("given up at the limit, with the page closed")
                .isLessThan(Duration.ofSeconds(30));
        BufferedImage next = generate(HtmlElement.request(
                "<div style=\"position: absolute; inset: 0; background: #00ff00\"></div>", null, false, 0, 160, 90));
        assertThat(argb(next, 80, 45)).as("the browser still draws").satisfies(p -> near(p, 255, 0, 255, 0));
    }

    @Test
    void theBrowserIsStartedAfreshAfterItsCapturesAndAfterACrash() throws Exception {
        generator = new HtmlGenerator(Optional.empty(), dir, this::open, 1 << 20, 4 << 20, Duration.ofSeconds(5),
                HtmlGenerator.CAPTURE_TIMEOUT, 2);
        String green = "<div style=\"position: absolute; inset: 0; background: #00ff00\"></div>";
        capture(green, false, 0);
        capture(green, false, 0);
        assertThat(generator.browserStarts()).isEqualTo(1);
        assertThat(argb(capture(green, false, 0), 80, 45)).satisfies(p -> near(p, 255, 0, 255, 0));
        assertThat(generator.browserStarts()).as("a third capture: a fresh browser").isEqualTo(2);

        java.util.List<ProcessHandle> browsers = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("--remote-debugging-port")).toList();
        assertThat(browsers).as("the browser runs as a child of this process").hasSize(1);
        browsers.get(0).destroyForcibly();
        browsers.get(0).onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(argb(capture(green, false, 0), 80, 45)).as("after the browser died, the next capture still works")
                .satisfies(p -> near(p, 255, 0, 255, 0));
        assertThat(generator.browserStarts()).isEqualTo(3);
    }

    @Test
    void withoutABrowserTheErrorSaysHowToInstallOne() {
        generator = new HtmlGenerator(Optional.of(dir.resolve("no-such-chromium")), dir, this::open, 1 << 20,
                1 << 20, Duration.ofSeconds(5));
        assertThatThrownBy(() -> generator.generate(HtmlElement.request("<p>x</p>", null, false, 0, 16, 16), dir))
                .isInstanceOf(Generator.GeneratorException.class)
                .hasMessageContaining("apt-get install chromium").hasMessageContaining("set browser");
    }

    // --- helpers

    private SafeHttp open() {
        return new SafeHttp(Access.OPEN.policy(), Duration.ofSeconds(5));
    }

    /** The server's policy: public addresses only, and public.test (which resolves to loopback) allowed by name. */
    private SafeHttp server() {
        Access access = new Access(true, java.util.List.of("public.test"), java.util.List.of(), host -> {
            if (host.equals("public.test")) {
                return new java.net.InetAddress[] {java.net.InetAddress.getByName("127.0.0.1")};
            }
            return dev.moviola.net.Resolver.SYSTEM.resolve(host);
        });
        return new SafeHttp(access.policy(), Duration.ofSeconds(5));
    }

    private HtmlGenerator generator(SafeHttp http) {
        return new HtmlGenerator(Optional.empty(), dir, () -> http, 1 << 20, 4 << 20, Duration.ofSeconds(5));
    }

    private BufferedImage capture(SafeHttp http, String html, boolean tailwind, double wait) throws Exception {
        generator = generator(http);
        return capture(html, tailwind, wait);
    }

    private BufferedImage capture(String html, boolean tailwind, double wait) throws Exception {
        return generate(HtmlElement.request(html, null, tailwind, wait, 160, 90));
    }

    private BufferedImage generate(com.fasterxml.jackson.databind.JsonNode request) throws Exception {
        Path out = Files.createTempDirectory(dir, "capture");
        return ImageIO.read(generator.generate(request, out).file().toFile());
    }

    private static int port(String url) {
        return java.net.URI.create(url).getPort();
    }

    private static int[] argb(BufferedImage img, int x, int y) {
        int p = img.getRGB(x, y);
        return new int[] {p >>> 24, (p >> 16) & 255, (p >> 8) & 255, p & 255};
    }

    private static int alpha(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) >>> 24;
    }

    private static void near(int[] p, int a, int r, int g, int b) {
        assertThat(Math.abs(p[0] - a) <= 8 && Math.abs(p[1] - r) <= 24 && Math.abs(p[2] - g) <= 24
                && Math.abs(p[3] - b) <= 24).as("ARGB %d,%d,%d,%d near %d,%d,%d,%d", p[0], p[1], p[2], p[3], a, r, g, b)
                .isTrue();
    }

    private static int countBlue(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int[] p = argb(img, x, y);
                if (p[3] > 180 && p[1] < 80 && p[2] < 80) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int countGreen(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int[] p = argb(img, x, y);
                if (p[0] > 128 && p[2] > 200 && p[1] < 60 && p[3] < 60) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, name)));
    }
}
