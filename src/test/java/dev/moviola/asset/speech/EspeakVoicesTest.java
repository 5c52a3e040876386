package dev.moviola.asset.speech;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moviola.asset.speech.EspeakVoices.Gender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Voice ids as documents give them → espeak-ng voices. Pure: needs nothing installed. */
class EspeakVoicesTest {

    @ParameterizedTest
    @CsvSource({
            // Azure-style ids: the language's voice, a female variant when the name says so
            "en-US-EmmaMultilingualNeural, en-us+f3",
            "en-US-JennyNeural, en-us+f3",
            "en-US-AvaMultilingualNeural, en-us+f3",
            "en-US-Ava:DragonHDLatestNeural, en-us+f3",
            "en-US-GuyNeural, en-us",
            "en-US-AndrewMultilingualNeural, en-us",
            "en-US-BrianNeural, en-us",
            "en-GB-SoniaNeural, en-gb+f3",
            "en-GB-RyanNeural, en-gb",
            "en-AU-NatashaNeural, en-gb+f3",
            "en-IN-NeerjaNeural, en-gb+f3",
            "en-CA-LiamNeural, en-us",
            "fr-FR-DeniseNeural, fr+f3",
            "fr-FR-HenriNeural, fr",
            "fr-CA-SylvieNeural, fr+f3",
            "fr-BE-CharlineNeural, fr-be+f3",
            "fr-CH-FabriceNeural, fr-ch",
            "de-DE-KatjaNeural, de+f3",
            "de-DE-ConradNeural, de",
            "de-AT-JonasNeural, de",
            "es-ES-ElviraNeural, es+f3",
            "es-ES-AlvaroNeural, es",
            "es-MX-DaliaNeural, es-419+f3",
            "es-MX-JorgeNeural, es-419",
            "es-AR-ElenaNeural, es-419+f3",
            "pt-BR-FranciscaNeural, pt-br+f3",
            "pt-BR-AntonioNeural, pt-br",
            "pt-PT-RaquelNeural, pt+f3",
            "it-IT-ElsaNeural, it+f3",
            "it-IT-DiegoNeural, it",
            "nl-NL-FennaNeural, nl+f3",
            "nl-NL-MaartenNeural, nl",
            "ja-JP-NanamiNeural, ja+f3",
            "ja-JP-KeitaNeural, ja",
            "zh-CN-XiaoxiaoNeural, cmn+f3",
            "zh-CN-YunxiNeural, cmn",
            "zh-HK-HiuMaanNeural, yue+f3",
            "zh-TW-HsiaoChenNeural, cmn+f3",
            "ko-KR-SunHiNeural, ko+f3",
            "ko-KR-InJoonNeural, ko",
            "ru-RU-SvetlanaNeural, ru+f3",
            "pl-PL-MarekNeural, pl",
            "sv-SE-SofieNeural, sv+f3",
            "nb-NO-PernilleNeural, nb+f3",
            "sr-Latn-RS-NicholasNeural, sr",
            "hi-IN-SwaraNeural, hi+f3",
            "ar-EG-SalmaNeural, ar+f3",
            // a name the table does not know: the language's default
            "en-US-ZorblaxNeural, en-us",
            "de-DE-UnbekanntNeural, de",
            // a bare locale
            "en-GB, en-gb",
            "es-MX, es-419",
            "pt-BR, pt-br",
            "zh-CN, cmn",
            // a language espeak-ng may not have goes on as its code (espeak-ng answers whether it has it)
            "gl-ES-SabelaNeural, gl+f3",
            // espeak-ng's own names as they are
            "en-us+f3, en-us+f3",
            "en-us, en-us",
            "en-gb-scotland, en-gb-scotland",
            "fr, fr",
            "de+m3, de+m3",
            "English_(America), English_(America)",
            // a first name only: the default language with that gender
            "Rachel, en-us+f3",
            "nova, en-us+f3",
            "onyx, en-us",
            "Adam, en-us",
    })
    void mapsVoiceIds(String id, String espeak) {
        assertThat(EspeakVoices.resolve(id)).isEqualTo(espeak);
    }

    @Test
    void noVoiceIsTheDefault() {
        assertThat(EspeakVoices.resolve(null)).isEqualTo("en-us");
        assertThat(EspeakVoices.resolve("  ")).isEqualTo("en-us");
    }

    @Test
    void languages() {
        assertThat(EspeakVoices.forLanguage(null)).isEqualTo("en-us");
        assertThat(EspeakVoices.forLanguage("en")).isEqualTo("en-us");
        assertThat(EspeakVoices.forLanguage("en-GB")).isEqualTo("en-gb");
        assertThat(EspeakVoices.forLanguage("fr-FR-DeniseNeural")).isEqualTo("fr");
        assertThat(EspeakVoices.forLanguage("es-MX")).isEqualTo("es-419");
        assertThat(EspeakVoices.forLanguage("zh-HK")).isEqualTo("yue");
        assertThat(EspeakVoices.forLanguage("no")).isEqualTo("nb");
        assertThat(EspeakVoices.forLanguage("alloy")).isEqualTo("en-us");
    }

    @Test
    void genderFromTheName() {
        assertThat(EspeakVoices.gender("EmmaMultilingualNeural")).isEqualTo(Gender.FEMALE);
        assertThat(EspeakVoices.gender("JennyMultilingualV2Neural")).isEqualTo(Gender.FEMALE);
        assertThat(EspeakVoices.gender("Ava:DragonHDLatestNeural")).isEqualTo(Gender.FEMALE);
        assertThat(EspeakVoices.gender("XiaoxiaoNeural")).isEqualTo(Gender.FEMALE);
        assertThat(EspeakVoices.gender("GuyNeural")).isEqualTo(Gender.MALE);
        assertThat(EspeakVoices.gender("Andrew2Neural")).isEqualTo(Gender.MALE);
        assertThat(EspeakVoices.gender("YunxiNeural")).isEqualTo(Gender.MALE);
        assertThat(EspeakVoices.gender("ZorblaxNeural")).isEqualTo(Gender.UNKNOWN);
    }

    @Test
    void noNameIsBoth() {
        assertThat(EspeakVoices.femaleNames()).doesNotContainAnyElementsOf(EspeakVoices.maleNames());
        assertThat(EspeakVoices.femaleNames()).hasSizeGreaterThan(150);
        assertThat(EspeakVoices.maleNames()).hasSizeGreaterThan(150);
    }
}
