package dev.moviola.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.Stages;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/security.md#local-files, in the server: local files are read only under the {@code local-dirs} the operator configured. A path
 * that leaves them, by {@code ..}, a link, an encoded {@code file:} URL or a look-alike prefix, is refused with
 * ASSET_FETCH_FAILED naming the element; a relative path is refused with the fix.
 */
class LocalFilesTest {
    @TempDir
    Path dir;
    Path media;
    Path secret;

    @BeforeEach
    void files() throws Exception {
        media = Files.createDirectories(dir.resolve("media"));
        TestMedia.solid(media, "allowed.png", "green", 16, 16);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        secret = TestMedia.solid(outside, "secret.png", "red", 16, 16);
        TestMedia.solid(Files.createDirectories(dir.resolve("media-private")), "look-alike.png", "red", 16, 16);
    }

    private Stages.Planned plan(Access access, String src) throws Exception {
        return Renders.planOneSource(new Pipeline(Renders.settings(dir).withAccess(access), TestFfmpeg.ffmpeg()),
                Renders.settings(dir), dir, "image", src);
    }

    private Access server() {
        return new Access(true, List.of(), List.of(media), Resolver.SYSTEM);
    }

    private void assertRefused(String src, String why) {
        assertThatThrownBy(() -> plan(server(), src)).isInstanceOfSatisfying(RenderFailure.class, f -> {
            assertThat(f.code()).isEqualTo("ASSET_FETCH_FAILED");
            assertThat(f.getMessage()).startsWith("scenes[0].elements[0].src: ").contains(why);
        });
    }

    @Test
    void aFileUnderALocalDirIsRead() throws Exception {
        assertThat(plan(server(), media.resolve("allowed.png").toString()).plan().scenes()).hasSize(1);
        assertThat(plan(server(), media.resolve("allowed.png").toUri().toString()).plan().scenes()).hasSize(1);
    }

    @Test
    void dotDotOutOfTheDirectoryIsRefused() {
        assertRefused(media + "/../outside/secret.png", secret + " is not under them");
        assertRefused(media + "/sub/../../outside/secret.png", secret + " is not under them");
    }

    @Test
    void encodedFormsInFileUrlsAreDecodedBeforeTheCheck() {
        assertRefused("file://" + media + "/%2e%2e/outside/secret.png", secret + " is not under them");
        assertRefused("file://" + media + "/..%2Foutside%2Fsecret.png", secret + " is not under them");
        // outside a URL, %2e%2e is a name like any other: it names nothing, and certainly not the secret
        assertRefused(media + "/%2e%2e/outside/secret.png", "file not found");
    }

    @Test
    void linksLeadingOutAreRefused() throws Exception {
        Files.createSymbolicLink(media.resolve("link.png"), secret);
        Files.createSymbolicLink(media.resolve("linked-dir"), secret.getParent());
        assertRefused(media.resolve("link.png").toString(), "leads outside them through a link");
        assertRefused(media.resolve("linked-dir/secret.png").toString(), "leads outside them through a link");
    }

    @Test
    void aDirectoryWhoseNameStartsTheSameIsNotInside() {
        assertRefused(dir.resolve("media-private/look-alike.png").toString(), "is not under them");
    }

    @Test
    void aRelativePathIsRefusedWithTheFix() {
        assertRefused("allowed.png", "a relative path names no file in the server; give an absolute path under "
                + media + " (the local-dirs setting), or an http(s) URL");
    }

    @Test
    void withoutLocalDirsNoFileIsRead() {
        Access none = new Access(true, List.of(), List.of(), Resolver.SYSTEM);
        assertThatThrownBy(() -> plan(none, media.resolve("allowed.png").toString()))
                .isInstanceOfSatisfying(RenderFailure.class, f -> assertThat(f.getMessage())
                        .contains("the server reads no local files (an operator can allow directories with the "
                                + "local-dirs setting); give an http(s) URL"));
    }

    @Test
    void theCliReadsAnyFile() throws Exception {
        assertThat(plan(Access.OPEN, secret.toString()).plan().scenes()).hasSize(1);
        assertThat(plan(Access.OPEN, media + "/../outside/secret.png").plan().scenes()).hasSize(1);
    }
}
