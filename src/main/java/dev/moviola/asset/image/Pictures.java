package dev.moviola.asset.image;

import dev.moviola.asset.Generator.GeneratorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Pictures as providers send them: told apart by their first bytes, written under a name that says what they are. */
final class Pictures {
    private Pictures() {
    }

    /** {@code png}, {@code jpg}, {@code webp} or {@code gif}, by the file's signature. */
    static Optional<String> extension(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return Optional.of("png");
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return Optional.of("jpg");
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P') {
            return Optional.of("webp");
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return Optional.of("gif");
        }
        return Optional.empty();
    }

    /** Writes a picture's bytes into {@code dir}, named by what they are. */
    static Path write(Path dir, String provider, byte[] bytes) throws GeneratorException {
        String ext = extension(bytes).orElseThrow(() -> new GeneratorException(provider + " answered with something "
                + "that is not a PNG, JPEG, WebP or GIF picture (" + bytes.length + " bytes)", false, null));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("picture." + ext);
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new GeneratorException("could not keep the picture: " + e.getMessage(), false, e);
        }
    }

    /** Gives a downloaded picture the extension its bytes say. */
    static Path named(Path downloaded, String provider) throws GeneratorException {
        try {
            byte[] head;
            try (var in = Files.newInputStream(downloaded)) {
                head = in.readNBytes(16);
            }
            String ext = extension(head).orElseThrow(() -> new GeneratorException(provider + "'s output is not a PNG, "
                    + "JPEG, WebP or GIF picture", false, null));
            Path file = downloaded.resolveSibling("picture." + ext);
            Files.move(downloaded, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new GeneratorException("could not keep the picture: " + e.getMessage(), false, e);
        }
    }
}
