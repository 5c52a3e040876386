package dev.moviola.render.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A fingerprint of the font files text can be drawn with, for the scene cache: a text scene renders again
 * when a font it may use changes. The bundled fonts count by their checksums; font files in the configured
 * directories and in the system's font directories (where fontconfig, and so Java, finds them) count by path,
 * size and modification time — hashing every system font (CJK fonts are tens of megabytes) would cost more
 * than rendering a scene, and replacing a font file changes its time. Fonts downloaded by {@code font-url}
 * are sources, fingerprinted by their bytes like any other.
 */
public final class FontFingerprint {
    private static final java.util.regex.Pattern FONT_FILE = java.util.regex.Pattern.compile(".*\\.(ttf|otf|ttc|otc|pfb|pfa|woff2?)");
    /** The bundled fonts' hash: the jar does not change while it runs. */
    private static volatile String bundled;

    private FontFingerprint() {
    }

    /** @param fontDirs the configured font directories */
    public static String of(List<Path> fontDirs) {
        MessageDigest md = sha256();
        md.update(bundled().getBytes(StandardCharsets.UTF_8));
        List<Path> dirs = new ArrayList<>(fontDirs);
        dirs.addAll(systemFontDirs());
        for (Path dir : dirs) {
            md.update(("\n" + dir + "\n").getBytes(StandardCharsets.UTF_8));
            for (String line : listing(dir)) {
                md.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static List<Path> systemFontDirs() {
        Path home = Path.of(System.getProperty("user.home"));
        return List.of(Path.of("/usr/share/fonts"), Path.of("/usr/local/share/fonts"), home.resolve(".fonts"),
                home.resolve(".local/share/fonts"), Path.of("/Library/Fonts"), Path.of("/System/Library/Fonts"),
                home.resolve("Library/Fonts"), Path.of("C:\\Windows\\Fonts"));
    }

    private static TreeSet<String> listing(Path dir) {
        TreeSet<String> lines = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return lines;
        }
        try (Stream<Path> files = Files.find(dir, 8, (p, a) -> a.isRegularFile()
                && FONT_FILE.matcher(p.getFileName().toString().toLowerCase(Locale.ROOT)).matches())) {
            files.forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    lines.add(p + "|" + a.size() + "|" + a.lastModifiedTime().toMillis() + "\n");
                } catch (IOException e) {
                    lines.add(p + "|unreadable\n");
                }
            });
        } catch (IOException | UncheckedIOException e) {
            lines.add(dir + "|unlistable\n");
        }
        return lines;
    }

    /**
     * The bundled fonts' identity: from the jar, each entry's size and CRC-32 as the jar's directory records
     * them (reading and hashing 1.2 MB of fonts would cost a cold start 30 ms); from a class directory
     * (development), their bytes.
     */
    private static String bundled() {
        String b = bundled;
        if (b == null) {
            MessageDigest md = sha256();
            for (String name : new TreeSet<>(FontCatalog.BUNDLED.keySet())) {
                java.net.URL url = FontCatalog.class.getResource(FontCatalog.BUNDLE + name);
                if (url == null) {
                    throw new IllegalStateException("bundled font missing from the jar: " + name);
                }
                try {
                    if (url.openConnection() instanceof java.net.JarURLConnection jar) {
                        jar.setUseCaches(true);
                        md.update((name + "|" + jar.getJarEntry().getSize() + "|" + jar.getJarEntry().getCrc())
                                .getBytes(StandardCharsets.UTF_8));
                    } else {
                        try (InputStream in = url.openStream()) {
                            md.update(in.readAllBytes());
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            b = HexFormat.of().formatHex(md.digest());
            bundled = b;
        }
        return b;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
