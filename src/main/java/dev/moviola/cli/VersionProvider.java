package dev.moviola.cli;

import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.FfmpegInstallation;
import picocli.CommandLine.IVersionProvider;

/** {@code moviola --version}: Moviola's version and the ffmpeg it would use. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        String ffmpeg;
        try {
            FfmpegInstallation f = CommonOptions.locate(Settings.fromEnvironment());
            ffmpeg = "ffmpeg " + f.version() + " (" + f.origin() + ": " + f.ffmpeg() + ")"
                    + f.ffprobe().map(p -> ", ffprobe " + p).orElse(", no ffprobe: probing through ffmpeg");
        } catch (Exception e) {
            ffmpeg = "ffmpeg not available: " + e.getMessage();
        }
        return new String[] {"moviola " + (version == null ? "(development build)" : version), ffmpeg};
    }
}
