package dev.moviola.cli;

import dev.moviola.config.InvalidSettingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code moviola} command: renders movie documents, validates them, serves the render API. */
@Command(name = "moviola", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Renders JSON movie documents (the JSON2Video format) into MP4 videos with ffmpeg.",
        subcommands = {RenderCommand.class, ValidateCommand.class, ServeCommand.class, KeysCommand.class, CacheCommand.class, ComponentsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 done, 1 render failed, 2 invalid document). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    if (e instanceof InvalidSettingException) { // a usage error, like an unknown option: one line
                        command.getErr().println("moviola: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
