package dev.moviola.render.text;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Finds fonts by family and weight: the bundled ones (Inter, the default; Anton, Oswald, Roboto), files in the configured font directories,
 * then the fonts the JVM sees on the system. Also supplies the fallback chain used for characters a font has
 * no glyph for (other scripts, emoji): the default font, then the JVM's "SansSerif", which on Linux is
 * fontconfig's fallback list. Thread-safe: fonts are immutable and the indexes are built once.
 */
public final class FontCatalog {
    public static final String DEFAULT_FAMILY = "Inter";
    static final String BUNDLE = "/dev/moviola/fonts/";
    /**
     * Fonts shipped in the jar (OFL, licences beside them): the default, and the families the text styles and
     * components use by default (Anton, Oswald, Roboto), so that they look as designed on any machine.
     */
    static final Map<String, Bundled> BUNDLED = Map.of(
            "Inter-Regular.otf", new Bundled(DEFAULT_FAMILY, 400), "Inter-Medium.otf", new Bundled(DEFAULT_FAMILY, 500),
            "Inter-SemiBold.otf", new Bundled(DEFAULT_FAMILY, 600), "Inter-Bold.otf", new Bundled(DEFAULT_FAMILY, 700),
            "Anton-Regular.ttf", new Bundled("Anton", 400),
            "Oswald-Regular.ttf", new Bundled("Oswald", 400), "Oswald-Bold.ttf", new Bundled("Oswald", 700),
            "Roboto-Regular.ttf", new Bundled("Roboto", 400), "Roboto-Bold.ttf", new Bundled("Roboto", 700));

    /** A bundled face's family and weight. */
    record Bundled(String family, int weight) {
    }
    private static final Map<String, Integer> WEIGHT_WORDS = weightWords();

    /** A font file's face: family, weight and the font itself (at size 1). */
    record Face(String family, int weight, boolean italic, Font font) {
    }

    private final Map<String, List<Face>> families = new HashMap<>();
    private final Set<String> systemFamilies;
    private final Map<Path, Font> loadedFiles = new ConcurrentHashMap<>();
    private final Font systemFallback = new Font(Font.SANS_SERIF, Font.PLAIN, 1);

    /** @param fontDirs directories searched (recursively) for .ttf/.otf/.ttc files */
    public FontCatalog(List<Path> fontDirs) {
        this(fontDirs, null);
    }

    /**
     * @param fontDirs directories searched (recursively) for .ttf/.otf/.ttc files
     * @param cacheDir where the bundled fonts are copied out of the jar once (null: a temporary copy per process)
     */
    public FontCatalog(List<Path> fontDirs, Path cacheDir) {
        for (Map.Entry<String, Bundled> e : BUNDLED.entrySet()) {
            add(new Face(e.getValue().family(), e.getValue().weight(), false, loadBundled(e.getKey(), cacheDir)));
        }
        for (Path dir : fontDirs) {
            scan(dir);
        }
        families.values().forEach(list -> list.sort(Comparator.comparingInt(Face::weight)));
        Set<String> sys = ConcurrentHashMap.newKeySet();
        for (String f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT)) {
            sys.add(f.toLowerCase(Locale.ROOT));
        }
        systemFamilies = sys;
    }

    /**
     * The font for a family and CSS weight at the given pixel size; empty when the family is unknown here.
     */
    public Optional<Font> find(String family, int weight, float size) {
        List<Face> faces = families.get(family.toLowerCase(Locale.ROOT));
        if (faces != null) {
            return Optional.of(derive(nearest(faces, weight), weight, size));
        }
        if (systemFamilies.contains(family.toLowerCase(Locale.ROOT))) {
            return Optional.of(new Font(family, weight >= 600 ? Font.BOLD : Font.PLAIN, 1).deriveFont(size));
        }
        return Optional.empty();
    }

    /** Whether {@link #find} knows the family (bundled, in a font directory, or on the system). */
    public boolean has(String family) {
        String key = family.toLowerCase(Locale.ROOT);
        return families.containsKey(key) || systemFamilies.contains(key);
    }

    public Font defaultFont(int weight, float size) {
        return derive(nearest(families.get(DEFAULT_FAMILY.toLowerCase(Locale.ROOT)), weight), weight, size);
    }

    /** A font loaded from a file (a {@code font-url} download). */
    public Font fromFile(Path file, int weight, float size) throws IOException {
        Font base = loadedFiles.get(file);
        if (base == null) {
            try {
                base = Font.createFont(Font.TRUETYPE_FONT, file.toFile());
            } catch (FontFormatException e) {
                throw new IOException("not a TrueType/OpenType font: " + e.getMessage(), e);
            }
            loadedFiles.putIfAbsent(file, base);
        }
        return base.deriveFont(weight >= 600 ? Font.BOLD : Font.PLAIN, size);
    }

    /** Fonts tried, in order, for characters the chosen font cannot draw. */
    public List<Font> fallbacks(int weight, float size) {
        return List.of(defaultFont(weight, size), systemFallback.deriveFont(weight >= 600 ? Font.BOLD : Font.PLAIN, size));
    }

    private static Font derive(Face face, int weight, float size) {
        // Ask for synthetic bold only when the file itself is much lighter than requested.
        int style = weight >= 600 && face.weight() < 600 ? Font.BOLD : Font.PLAIN;
        return face.font().deriveFont(style, size);
    }

    private static Face nearest(List<Face> faces, int weight) {
        Face best = faces.get(0);
        for (Face f : faces) {
            if (!f.italic() && Math.abs(f.weight() - weight) < Math.abs(best.weight() - weight)) {
                best = f;
            }
        }
        return best;
    }

    private void add(Face face) {
        families.computeIfAbsent(face.family().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(face);
    }

    private void scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir, 4)) {
            files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(ttf|otf|ttc)"))
                    .forEach(this::load);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the font directory " + dir, e);
        }
    }

    private void load(Path file) {
        try {
            for (Font f : Font.createFonts(file.toFile())) {
                String name = f.getFontName(Locale.ROOT);
                add(new Face(f.getFamily(Locale.ROOT), weightOf(name), name.toLowerCase(Locale.ROOT).contains("italic")
                        || name.toLowerCase(Locale.ROOT).contains("oblique"), f));
            }
        } catch (FontFormatException | IOException e) {
            // Not a usable font file: skip it, as a browser would; the family is then reported missing.
        }
    }

    /** Weight from the style words in a face name ("Inter SemiBold" → 600). */
    static int weightOf(String faceName) {
        String n = faceName.toLowerCase(Locale.ROOT).replace(" ", "").replace("-", "");
        int best = 400;
        int bestLength = 0;
        for (Map.Entry<String, Integer> e : WEIGHT_WORDS.entrySet()) {
            if (n.contains(e.getKey()) && e.getKey().length() > bestLength) {
                best = e.getValue();
                bestLength = e.getKey().length();
            }
        }
        return best;
    }

    private static Map<String, Integer> weightWords() {
        Map<String, Integer> m = new HashMap<>();
        m.put("thin", 100);
        m.put("hairline", 100);
        m.put("extralight", 200);
        m.put("ultralight", 200);
        m.put("light", 300);
        m.put("regular", 400);
        m.put("medium", 500);
        m.put("semibold", 600);
        m.put("demibold", 600);
        m.put("bold", 700);
        m.put("extrabold", 800);
        m.put("ultrabold", 800);
        m.put("black", 900);
        m.put("heavy", 900);
        return m;
    }

    /**
     * A bundled font, read from a file: Java copies a font given as a stream into a temporary file of its own, which
     * is left behind whenever the process does not end normally. So the font is read where it lies when the classes
     * are files (a build's target/classes), else from a copy made once in the cache directory.
     */
    private static Font loadBundled(String name, Path cacheDir) {
        try {
            java.net.URL url = FontCatalog.class.getResource(BUNDLE + name);
            if (url == null) {
                throw new IllegalStateException("bundled font missing from the jar: " + name);
            }
            if (url.getProtocol().equals("file")) {
                return Font.createFont(Font.TRUETYPE_FONT, Path.of(url.toURI()).toFile());
            }
            if (cacheDir != null) {
                return Font.createFont(Font.TRUETYPE_FONT, extracted(url, name, cacheDir).toFile());
            }
            try (InputStream in = url.openStream()) {
                return Font.createFont(Font.TRUETYPE_FONT, in);
            }
        } catch (FontFormatException | IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("bundled font unreadable: " + name, e);
        }
    }

    /** {@code cacheDir/fonts/SHA-256-PREFIX/name}: one copy per content, written atomically, shared by processes. */
    private static Path extracted(java.net.URL url, String name, Path cacheDir) throws IOException {
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        }
        String digest;
        try {
            digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path target = cacheDir.resolve("fonts").resolve(digest).resolve(name);
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), name, ".part");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}
