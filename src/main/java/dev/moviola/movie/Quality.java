package dev.moviola.movie;

/** Encoding quality: {@code low} is for drafts and must be much faster than {@code high}. */
public enum Quality {
    LOW, MEDIUM, HIGH
}
