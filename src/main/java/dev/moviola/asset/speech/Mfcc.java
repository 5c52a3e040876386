package dev.moviola.asset.speech;

/**
 * Speech features for alignment: mel-frequency cepstral coefficients of 16 kHz mono audio, a frame every 10 ms
 * (25 ms Hamming windows, pre-emphasis 0.97, 26 mel bands from 100 to 7600 Hz, coefficients 1–12: the
 * spectral envelope, which the words decide, without the overall level), each coefficient's mean over the
 * utterance subtracted and divided by its deviation (so that the voice and the recording matter less), with their
 * deltas; and each frame's log energy for telling speech from silence.
 */
final class Mfcc {
    static final int RATE = 16_000;
    /** Seconds between frames. */
    static final double HOP = 0.010;
    private static final int HOP_SAMPLES = 160;
    private static final int WINDOW = 400;
    private static final int FFT = 512;
    private static final int BANDS = 26;
    private static final int CEPSTRA = 12;
    private static final double LOW_HZ = 100;
    private static final double HIGH_HZ = 7600;

    private static final double[] HAMMING = new double[WINDOW];
    private static final double[][] FILTERS = filters();
    private static final double[][] DCT = new double[CEPSTRA][BANDS];

    static {
        for (int i = 0; i < WINDOW; i++) {
            HAMMING[i] = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (WINDOW - 1));
        }
        for (int c = 0; c < CEPSTRA; c++) {
            for (int b = 0; b < BANDS; b++) {
                DCT[c][b] = Math.cos(Math.PI * (c + 1) * (b + 0.5) / BANDS);
            }
        }
    }

    /** The features, a row a frame. */
    final float[][] features;
    /** Log energy of each frame, in dB relative to full scale (-100 for digital silence). */
    final double[] energyDb;

    private Mfcc(float[][] features, double[] energyDb) {
        this.features = features;
        this.energyDb = energyDb;
    }

    int frames() {
        return energyDb.length;
    }

    /** @param pcm 16 kHz mono samples */
    static Mfcc of(short[] pcm) {
        int n = pcm.length < WINDOW ? (pcm.length > 0 ? 1 : 0) : 1 + (pcm.length - WINDOW) / HOP_SAMPLES;
        double[][] ceps = new double[n][CEPSTRA];
        double[] energy = new double[n];
        double[] re = new double[FFT];
        double[] im = new double[FFT];
        for (int f = 0; f < n; f++) {
            int start = f * HOP_SAMPLES;
            double sum = 0;
            java.util.Arrays.fill(re, 0);
            java.util.Arrays.fill(im, 0);
            double previous = start > 0 ? pcm[start - 1] : 0;
            for (int i = 0; i < WINDOW; i++) {
                double x = start + i < pcm.length ? pcm[start + i] : 0;
                sum += x * x;
                re[i] = (x - 0.97 * previous) * HAMMING[i];
                previous = x;
            }
            energy[f] = sum <= 0 ? -100 : Math.max(-100, 10 * Math.log10(sum / WINDOW / (32768.0 * 32768.0)));
            fft(re, im);
            double[] logMel = new double[BANDS];
            for (int b = 0; b < BANDS; b++) {
                double e = 0;
                double[] w = FILTERS[b];
                for (int k = 0; k < w.length; k++) {
                    if (w[k] != 0) {
                        e += w[k] * (re[k] * re[k] + im[k] * im[k]);
                    }
                }
                logMel[b] = Math.log(e + 1e-3);
            }
            for (int c = 0; c < CEPSTRA; c++) {
                double v = 0;
                for (int b = 0; b < BANDS; b++) {
                    v += DCT[c][b] * logMel[b];
                }
                ceps[f][c] = v;
            }
        }
        normalise(ceps, energy);
        float[][] features = new float[n][2 * CEPSTRA];
        for (int f = 0; f < n; f++) {
            for (int c = 0; c < CEPSTRA; c++) {
                features[f][c] = (float) ceps[f][c];
                // delta over ±2 frames
                double num = 0;
                for (int d = 1; d <= 2; d++) {
                    num += d * (ceps[Math.min(n - 1, f + d)][c] - ceps[Math.max(0, f - d)][c]);
                }
                features[f][CEPSTRA + c] = (float) (num / 10);
            }
        }
        return new Mfcc(features, energy);
    }

    /** Mean and variance normalisation, over the frames that are speech (silence would dominate otherwise). */
    private static void normalise(double[][] ceps, double[] energy) {
        int n = ceps.length;
        if (n == 0) {
            return;
        }
        double threshold = speechThreshold(energy);
        for (int c = 0; c < CEPSTRA; c++) {
            double sum = 0;
            double sq = 0;
            int count = 0;
            for (int f = 0; f < n; f++) {
                if (energy[f] >= threshold) {
                    sum += ceps[f][c];
                    sq += ceps[f][c] * ceps[f][c];
                    count++;
                }
            }
            if (count < 2) {
                for (int f = 0; f < n; f++) {
                    sum += ceps[f][c];
                    sq += ceps[f][c] * ceps[f][c];
                }
                count = n;
            }
            double mean = sum / count;
            double sd = Math.sqrt(Math.max(1e-6, sq / count - mean * mean));
            for (int f = 0; f < n; f++) {
                ceps[f][c] = (ceps[f][c] - mean) / sd;
            }
        }
    }

    /**
     * The energy above which a frame is speech: 40 dB below the loud frames (the 95th percentile), and at least
     * 8 dB above the quiet ones (the 10th percentile: the noise floor of a real recording).
     */
    static double speechThreshold(double[] energy) {
        if (energy.length == 0) {
            return 0;
        }
        double[] sorted = energy.clone();
        java.util.Arrays.sort(sorted);
        double loud = sorted[(int) Math.min(sorted.length - 1, Math.round(0.95 * (sorted.length - 1)))];
        double quiet = sorted[(int) Math.round(0.10 * (sorted.length - 1))];
        return Math.min(loud - 6, Math.max(loud - 40, quiet + 8));
    }

    /** Which frames are speech (see {@link #speechThreshold}). */
    boolean[] speech() {
        double t = speechThreshold(energyDb);
        boolean[] s = new boolean[energyDb.length];
        for (int f = 0; f < s.length; f++) {
            s[f] = energyDb[f] >= t;
        }
        return s;
    }

    private static double[][] filters() {
        double[][] w = new double[BANDS][FFT / 2 + 1];
        double melLow = mel(LOW_HZ);
        double melHigh = mel(HIGH_HZ);
        double[] edges = new double[BANDS + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = hz(melLow + (melHigh - melLow) * i / (BANDS + 1)) * FFT / RATE;
        }
        for (int b = 0; b < BANDS; b++) {
            for (int k = 0; k <= FFT / 2; k++) {
                double left = edges[b];
                double centre = edges[b + 1];
                double right = edges[b + 2];
                if (k > left && k <= centre) {
                    w[b][k] = (k - left) / (centre - left);
                } else if (k > centre && k < right) {
                    w[b][k] = (right - k) / (right - centre);
                }
            }
        }
        return w;
    }

    private static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    private static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** In-place radix-2 FFT (length a power of two). */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            double wr = Math.cos(angle);
            double wi = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double t = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = t;
                }
            }
        }
    }
}
