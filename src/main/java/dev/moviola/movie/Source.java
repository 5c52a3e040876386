package dev.moviola.movie;

/**
 * A file an element reads, as the document names it, and what the file must be.
 *
 * @param src  the URL or path as the document (after templating) wrote it
 * @param path the JSON path of the key that holds it, for messages ({@code scenes[0].elements[1].src})
 * @param need what the element needs the file to be: checked before anything renders
 */
public record Source(String src, String path, Need need) {

    /** What an element needs a file to be. */
    public enum Need {
        /** A picture (JPEG, PNG, WebP, GIF, BMP, TIFF), still or animated. */
        PICTURE,
        /** Something with a picture that plays: a video (or an animated picture). */
        VIDEO,
        /** Something with sound. */
        SOUND,
        /** Any file, read as it is (a font). */
        FILE
    }
}
