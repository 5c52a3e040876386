package dev.moviola.asset.speech;

import com.sun.jna.Callback;
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The part of libespeak-ng's C API ({@code speak_lib.h}, stable since eSpeak 1.48) that {@link EspeakProcess} uses.
 * Only ever loaded in that child process: a crash in native code ends the child, never the server.
 */
interface EspeakLibrary extends Library {

    /** {@code espeak_AUDIO_OUTPUT}: samples go to the callback, and {@code espeak_Synth} returns when done. */
    int AUDIO_OUTPUT_SYNCHRONOUS = 2;
    /** {@code espeakINITIALIZE_DONT_EXIT}: report a missing data directory instead of calling exit(). */
    int INITIALIZE_DONT_EXIT = 0x8000;

    /** {@code espeak_POSITION_TYPE}. */
    int POS_CHARACTER = 1;
    /** {@code espeakCHARS_UTF8}: the text is UTF-8 (positions in events still count characters). */
    int CHARS_UTF8 = 1;

    /** {@code espeak_PARAMETER}. */
    int PARAM_RATE = 1;
    int PARAM_VOLUME = 2;
    int PARAM_PITCH = 3;
    int PARAM_RANGE = 4;
    int PARAM_PUNCTUATION = 5;
    int PARAM_CAPITALS = 6;
    int PARAM_WORDGAP = 7;

    /** {@code espeak_EVENT_TYPE}. */
    int EVENT_LIST_TERMINATED = 0;
    int EVENT_WORD = 1;
    int EVENT_SENTENCE = 2;
    int EVENT_END = 5;
    int EVENT_MSG_TERMINATED = 6;

    /** {@code espeak_ERROR}. */
    int EE_OK = 0;

    /** @return the sample rate in Hz, or -1 */
    int espeak_Initialize(int output, int buflength, String path, int options);

    /** {@code t_espeak_callback}: {@code int (short *wav, int numsamples, espeak_EVENT *events)}; 0 goes on. */
    interface SynthCallback extends Callback {
        int invoke(Pointer wav, int numsamples, Pointer events);
    }

    void espeak_SetSynthCallback(SynthCallback callback);

    int espeak_SetVoiceByName(String name);

    /**
     * @param voiceSpec null for all voices
     * @return a null-terminated array of {@code espeak_VOICE *}: name, languages (a priority byte, then a
     *         language name and NUL, repeated; a 0 byte ends them), identifier, gender, age, ...
     */
    Pointer espeak_ListVoices(Pointer voiceSpec);

    int espeak_SetParameter(int parameter, int value, int relative);

    int espeak_Synth(Pointer text, SizeT size, int position, int positionType, int endPosition, int flags,
            IntByReference uniqueIdentifier, Pointer userData);

    int espeak_Synchronize();

    int espeak_Terminate();

    /** C's {@code size_t}. */
    final class SizeT extends IntegerType {
        private static final long serialVersionUID = 1L;

        public SizeT() {
            this(0);
        }

        public SizeT(long value) {
            super(Native.SIZE_T_SIZE, value, true);
        }
    }

    /** @return the version, such as {@code 1.51} (the data path is written to {@code pathData[0]} when given) */
    String espeak_Info(Pointer pathData);
}
