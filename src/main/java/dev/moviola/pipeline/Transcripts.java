package dev.moviola.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.asset.AssetStore;
import dev.moviola.asset.speech.SpeechException;
import dev.moviola.asset.speech.SpeechServices;
import dev.moviola.asset.speech.TimedWord;
import dev.moviola.asset.speech.Transcriber;
import dev.moviola.cache.CacheStore;
import dev.moviola.cache.Fresh;
import dev.moviola.plan.CaptionTrack;
import dev.moviola.plan.CaptionWord;
import dev.moviola.plan.Captions;
import dev.moviola.plan.CueBuilder;
import dev.moviola.plan.RenderPlan;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Captions made by transcribing the movie's sound, for subtitles that have no captions and cover no voice: the sound
 * is mixed (the sound stage, so a render that follows finds it in the cache) and transcribed once, kept in the
 * element cache under the sound's fingerprint and the transcription service, and each track takes the words in its
 * part of the movie.
 */
final class Transcripts {
    static final String TRANSCRIPTS = "transcript";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CacheStore store;
    private final SpeechServices speech;

    Transcripts(CacheStore store, SpeechServices speech) {
        this.store = store;
        this.speech = speech;
    }

    RenderPlan captioned(Stages stages, RenderPlan plan, AssetStore assets, Path dir)
            throws RenderFailure, InterruptedException {
        List<TimedWord> words = null;
        List<CaptionTrack> tracks = new ArrayList<>();
        for (CaptionTrack t : plan.captions()) {
            if (t.transcription() == null) {
                tracks.add(t);
                continue;
            }
            if (words == null) {
                words = transcribe(stages, plan, assets, dir, t);
            }
            List<CaptionWord> inPart = words.stream().filter(w -> w.start() >= t.from() && w.start() < t.to())
                    .map(w -> new CaptionWord(w.text(), w.start(), Math.min(w.end(), t.to()))).toList();
            Captions c = t.captions();
            tracks.add(t.withCaptions(new Captions(c.settings(), c.font(),
                    inPart.isEmpty() ? List.of() : CueBuilder.cues(inPart, c.settings().maxWordsPerLine()), c.source())));
        }
        return plan.withCaptions(tracks);
    }

    private List<TimedWord> transcribe(Stages stages, RenderPlan plan, AssetStore assets, Path dir, CaptionTrack t)
            throws RenderFailure, InterruptedException {
        Path sound = stages.sound(plan, assets, dir).file();
        Transcriber transcriber = speech.transcriber();
        String language = t.transcription().language();
        try {
            String key = sha256(plan.fingerprints().sound() + "\n" + transcriber.identity() + "\n" + language);
            CacheStore.Obtained got = store.obtain(TRANSCRIPTS, key, plan.reuseSound(), dir.resolve("transcript"),
                    cached -> {
                        if (cached.isPresent()) {
                            return Optional.empty();
                        }
                        ObjectNode meta = JsonNodeFactory.instance.objectNode();
                        ArrayNode a = meta.putArray("words");
                        transcriber.transcribe(sound, language).forEach(w -> a.addObject().put("text", w.text())
                                .put("start", w.start()).put("end", w.end()));
                        return Optional.of(Fresh.of(Map.of(), meta));
                    });
            return JSON.convertValue(got.entry().meta().path("words"), new TypeReference<List<TimedWord>>() {
            });
        } catch (SpeechException e) {
            throw new RenderFailure(FailureCode.ASSET_FETCH_FAILED, t.source() + ": the captions come from transcribing "
                    + "the movie's sound, which failed: " + e.getMessage(), e);
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
