package dev.moviola.cli;

import dev.moviola.config.InvalidSettingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code moviola} command: renders movie documents, validates them, serves the render API. */
@Command(name = "moviola", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Renders JSON movie documents (the JSON2Video format) into MP4 videos with ffmpeg.",
        subcommands = {RenderCommand.class, ValidateCommand.class, ServeCommand.class, WorkerCommand.class, KeysCommand.class, CacheCommand.class, ComponentsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 done, 1 render failed, 2 invalid document). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    if (e instanceof InvalidSettingException || e instanceof UsageException) { // like an unknown option: one line
                        command.getErr().println("moviola: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
    }

    /** A wrong option or value: one line saying what is wrong and what is accepted, not the whole usage text. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        java.io.PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage().replace(" (case-insensitive)", ""));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
        return 2;
    }

    /** A command line that cannot be carried out as given (a missing file, stdin without -o): exit 2, one line. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
