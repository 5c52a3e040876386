package dev.moviola.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.config.Settings;
import dev.moviola.ffmpeg.Ffmpeg;
import dev.moviola.ffmpeg.ProcessObserver;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.pipeline.Document;
import dev.moviola.pipeline.Compiled;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.RenderOptions;
import dev.moviola.movie.Problem;
import dev.moviola.plan.TimelineReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code moviola validate movie.json}: problems, or the resolved timeline; never renders. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a movie document and print its resolved timeline (no rendering).%n"
                + "Sources are fetched and probed to know their lengths.%n"
                + "Exit codes: 0 valid, 1 a source cannot be fetched or decoded, 2 the document is invalid.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    DocumentOptions document;

    @Option(names = "--json", description = "print the timeline (or the problems) as JSON on stdout")
    boolean json;

    @Option(names = "--explain", description = "print the movie as it will render: after variables, conditions, "
            + "iterations and imports are applied (JSON)")
    boolean explain;

    @Option(names = "--strict", description = "treat warnings (an unknown key, a font not installed) as errors: exit 2")
    boolean strict;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Settings settings = common.settings();
        Document parsed;
        try {
            parsed = document.read(settings);
        } catch (InvalidMovieException e) {
            return Output.invalid(e, json);
        }
        if (strict && !parsed.warnings().isEmpty()) { // before any ffmpeg is looked for
            return Output.strict(parsed.warnings(), json);
        }
        Pipeline pipeline = new Pipeline(settings, new Ffmpeg(CommonOptions.locate(settings), ProcessObserver.NONE, settings.cpuLimit()));
        // Said first, before sources are fetched: a timeline, or a source that fails, would push them out of sight.
        List<Problem> early = new ArrayList<>(parsed.warnings());
        early.addAll(pipeline.stages().missingFonts(parsed.draft().movie()));
        if (strict && !early.isEmpty()) {
            return Output.strict(early, json);
        }
        boolean printed = !json || explain;
        if (printed) {
            Output.printWarnings(System.err, early);
        }
        try {
            Compiled compiled = pipeline.stages().compile(parsed, document.baseDir(), RenderOptions.DEFAULT);
            List<Problem> late = compiled.warnings().stream().filter(w -> !early.contains(w)).toList();
            if (strict && !late.isEmpty()) {
                return Output.strict(late, json);
            }
            if (printed) {
                Output.printWarnings(System.err, late);
            }
            if (explain) {
                System.out.println(compiled.resolved().toPrettyString());
            } else if (json) {
                ObjectNode root = TimelineReport.json(compiled.plan());
                ArrayNode warnings = Output.problems(compiled.warnings());
                root.set("warnings", warnings);
                System.out.println(root.toPrettyString());
            } else {
                System.out.print(TimelineReport.text(compiled.plan()));
            }
            return 0;
        } catch (InvalidMovieException e) {
            return Output.invalid(e, json);
        } catch (RenderFailure f) {
            return Output.failed("The movie cannot be rendered", f, json);
        }
    }
}
