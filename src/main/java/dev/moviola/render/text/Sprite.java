package dev.moviola.render.text;

import java.awt.image.BufferedImage;

/** A picture of part of a text and where its top-left corner is on the text's canvas. */
public record Sprite(BufferedImage image, int x, int y) {
}
