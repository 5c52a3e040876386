package dev.moviola.movie;

/**
 * A frame rate as an exact fraction, so that 29.97 is 30000/1001 and frame times never drift.
 */
public record Fps(int numerator, int denominator) {

    public static final Fps DEFAULT = new Fps(25, 1);

    public Fps {
        if (numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("fps must be positive");
        }
        int g = gcd(numerator, denominator);
        numerator /= g;
        denominator /= g;
    }

    /**
     * The rate a user means by a decimal: the NTSC family (23.976, 29.97, 59.94, …) becomes N×1000/1001;
     * other values are taken as exact decimals (12.5 = 25/2).
     */
    public static Fps of(double value) {
        if (value == Math.rint(value)) {
            return new Fps((int) value, 1);
        }
        double ntsc = Math.round(value * 1.001);
        if (Math.abs(value - ntsc / 1.001) < 0.0015) {
            return new Fps((int) ntsc * 1000, 1001);
        }
        return new Fps((int) Math.round(value * 1000), 1000);
    }

    /** Index of the frame shown at {@code seconds} on this rate's grid (nearest). */
    public long frameAt(double seconds) {
        return Math.round(seconds * numerator / denominator);
    }

    /** Start time of frame {@code frame} in seconds. */
    public double timeOf(long frame) {
        return (double) frame * denominator / numerator;
    }

    /** {@code num/den}, the form ffmpeg reads. */
    @Override
    public String toString() {
        return denominator == 1 ? Integer.toString(numerator) : numerator + "/" + denominator;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
