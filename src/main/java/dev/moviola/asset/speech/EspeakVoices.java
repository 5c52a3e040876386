package dev.moviola.asset.speech;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which espeak-ng voice speaks for a voice id as documents give them, which were written for JSON2Video's cloud
 * voices: an Azure-style id ({@code en-US-EmmaMultilingualNeural}, {@code fr-FR-HenriNeural},
 * {@code en-US-Ava:DragonHDLatestNeural}) gets espeak-ng's voice for its language and region ({@code en-us},
 * {@code fr}) and, when the name tells (a table of the common neural voices' names), a female variant
 * ({@code +f3}) or the voice's own, male, sound. A bare locale ({@code de-DE}) gets the language's voice; a voice
 * named by a known first name only ({@code Rachel}, {@code nova}) gets the default language with that gender.
 *
 * <p>An espeak-ng voice name is used as it is: one with a variant ({@code en-us+f3}), or one in lower case
 * ({@code en-gb-scotland}, {@code fr}). An Azure-style id with a name the table does not know gets its language's
 * default voice. A language espeak-ng may not have is passed on as its code: espeak-ng answers whether it has it.
 *
 * <p>{@link #VERSION} changes whenever a mapping changes, so that speech made by the old one is not reused
 * (it is part of {@link EspeakSpeech#identity()}).
 */
public final class EspeakVoices {
    /** Version of these tables; part of the engine's identity. */
    public static final String VERSION = "1";
    /** The voice when the document names none. */
    public static final String DEFAULT = "en-us";
    /** The variant given to voices the table knows as female. */
    public static final String FEMALE_VARIANT = "+f3";

    /** What a name tells of a voice. */
    public enum Gender { FEMALE, MALE, UNKNOWN }

    private EspeakVoices() {
    }

    /** language[-Script][-REGION][-Name...] (BCP 47 as Azure writes its voice ids). */
    private static final Pattern LOCALE_ID = Pattern.compile(
            "([A-Za-z]{2,3})(?:-([A-Za-z]{4}))?(?:-([A-Za-z]{2}|[0-9]{3}))?(?:-(.+))?");

    /**
     * The espeak-ng voice for {@code id} (see the class comment).
     *
     * @param id a voice id as the document gives it, or null for the default
     */
    public static String resolve(String id) {
        if (id == null || id.isBlank()) {
            return DEFAULT;
        }
        String v = id.trim();
        if (v.indexOf('+') >= 0) {
            return v;
        }
        Matcher m = LOCALE_ID.matcher(v);
        if (m.matches() && !v.equals(v.toLowerCase(Locale.ROOT))) {
            String language = forLocale(m.group(1), m.group(2), m.group(3));
            return withGender(language, m.group(4) == null ? Gender.UNKNOWN : gender(m.group(4)));
        }
        if (v.matches("\\p{L}+")) {
            Gender g = gender(v);
            if (g != Gender.UNKNOWN) {
                return withGender(DEFAULT, g);
            }
        }
        return v;
    }

    /**
     * The espeak-ng voice for a language, or the language's default: {@code en-GB} is {@code en-gb}, {@code es-MX}
     * is {@code es-419}, {@code zh-CN} is {@code cmn}, null is {@link #DEFAULT}.
     *
     * @param locale a BCP 47 tag ({@code en}, {@code en-US}, {@code sr-Latn-RS}) or a voice id that starts with one
     */
    public static String forLanguage(String locale) {
        if (locale == null || locale.isBlank()) {
            return DEFAULT;
        }
        Matcher m = LOCALE_ID.matcher(locale.trim());
        if (!m.matches()) {
            return DEFAULT;
        }
        return forLocale(m.group(1), m.group(2), m.group(3));
    }

    private static String withGender(String voice, Gender g) {
        return g == Gender.FEMALE ? voice + FEMALE_VARIANT : voice;
    }

    static String forLocale(String language, String script, String region) {
        String lang = language.toLowerCase(Locale.ROOT);
        if (region != null) {
            String byRegion = REGIONAL.get(lang + "-" + region.toLowerCase(Locale.ROOT));
            if (byRegion != null) {
                return byRegion;
            }
        }
        String byLanguage = LANGUAGES.get(lang);
        if (byLanguage != null) {
            return byLanguage;
        }
        return lang;
    }

    /**
     * What a voice's name tells of its gender: {@code Emma}, {@code EmmaMultilingualNeural},
     * {@code Ava:DragonHDLatestNeural} are female; an unknown name is {@link Gender#UNKNOWN}.
     */
    public static Gender gender(String name) {
        String n = name.replaceFirst(":.*$", "")
                .replaceFirst("(?i)(Multilingual)?(V\\d+)?(Neural)?(HD)?$", "")
                .replaceFirst("\\d+$", "")
                .toLowerCase(Locale.ROOT);
        if (FEMALE.contains(n)) {
            return Gender.FEMALE;
        }
        if (MALE.contains(n)) {
            return Gender.MALE;
        }
        return Gender.UNKNOWN;
    }

    /** Language and region → espeak-ng voice, where the region has a voice of its own or a nearer one. */
    private static final Map<String, String> REGIONAL = new HashMap<>();
    /** Language → espeak-ng voice (the language's default). */
    private static final Map<String, String> LANGUAGES = new HashMap<>();

    static {
        for (String r : new String[] {"us", "ca", "pr"}) {
            REGIONAL.put("en-" + r, "en-us");
        }
        for (String r : new String[] {"gb", "uk", "au", "nz", "ie", "za", "in", "sg", "hk", "ph", "ke", "ng", "tz",
                "mt", "gh"}) {
            REGIONAL.put("en-" + r, "en-gb");
        }
        for (String r : new String[] {"jm", "tt", "bb", "bs", "bz", "gy", "029"}) {
            REGIONAL.put("en-" + r, "en-029");
        }
        REGIONAL.put("fr-be", "fr-be");
        REGIONAL.put("fr-ch", "fr-ch");
        REGIONAL.put("es-es", "es");
        for (String r : new String[] {"mx", "us", "ar", "bo", "cl", "co", "cr", "cu", "do", "ec", "gt", "hn", "ni",
                "pa", "pe", "pr", "py", "sv", "uy", "ve", "419"}) {
            REGIONAL.put("es-" + r, "es-419");
        }
        REGIONAL.put("pt-br", "pt-br");
        REGIONAL.put("pt-pt", "pt");
        REGIONAL.put("zh-hk", "yue");
        REGIONAL.put("zh-mo", "yue");
        REGIONAL.put("vi-vn", "vi");

        LANGUAGES.put("en", "en-us");
        LANGUAGES.put("fr", "fr");
        LANGUAGES.put("es", "es");
        LANGUAGES.put("pt", "pt-br");
        LANGUAGES.put("zh", "cmn");
        LANGUAGES.put("cmn", "cmn");
        LANGUAGES.put("wuu", "cmn");
        LANGUAGES.put("yue", "yue");
        LANGUAGES.put("no", "nb");
        LANGUAGES.put("nn", "nb");
        LANGUAGES.put("nb", "nb");
        LANGUAGES.put("fil", "en-us");
        // languages espeak-ng 1.51 has a voice of that name for
        for (String l : ("af am an ar as az ba be bg bn bpy bs ca cs cv cy da de el eo et eu fa fi ga gd gn grc gu "
                + "hak haw he hi hr ht hu hy hyw ia id io is it ja jbo ka kk kl kn ko kok ku ky la lb lfn lt ltg lv "
                + "mi mk ml mr ms mt my nci ne nl nog om or pa pap pl py qu quc ro ru sd shn si sk sl smj sq sr sv sw "
                + "ta te th tk tn tr tt ug uk ur uz vi").split(" ")) {
            LANGUAGES.putIfAbsent(l, l);
        }
    }

    /** First names of common neural voices (Azure; ElevenLabs and OpenAI defaults) that are female. */
    private static final Set<String> FEMALE = names(
            // en-US
            "emma", "jenny", "aria", "ava", "sara", "michelle", "nancy", "elizabeth", "amber", "ana", "ashley", "cora",
            "jane", "monica", "evelyn", "lola", "nova", "shimmer", "coral", "sage", "serena", "phoebe",
            // en-GB, en-AU, other English
            "sonia", "libby", "maisie", "abbi", "bella", "hollie", "olivia", "natasha", "annette", "carly", "elsie",
            "freya", "joanne", "kim", "tina", "clara", "neerja", "emily", "molly", "leah", "luna", "yan", "rosa",
            "asilia", "imani", "ezinne", "aashi", "ananya", "kavya",
            // French
            "denise", "vivienne", "brigitte", "celeste", "coralie", "eloise", "jacqueline", "josephine", "yvette",
            "sylvie", "charline", "ariane",
            // German
            "katja", "amala", "elke", "gisela", "klarissa", "louisa", "maja", "tanja", "seraphina", "ingrid", "leni",
            // Spanish
            "elvira", "abril", "estrella", "irene", "laia", "lia", "triana", "vera", "ximena", "arabella", "dalia",
            "beatriz", "candela", "carlota", "larissa", "marina", "nuria", "renata", "paloma", "elena", "salome",
            // Portuguese
            "francisca", "thalita", "brenda", "elza", "giovanna", "leila", "leticia", "manuela", "yara", "raquel",
            "fernanda",
            // Italian
            "elsa", "isabella", "fiamma", "imelda", "irma", "palmira", "pierina",
            // Dutch, Nordic, Slavic, others
            "fenna", "colette", "dena", "sofie", "hillevi", "christel", "pernille", "iselin", "noora", "selma",
            "svetlana", "dariya", "agnieszka", "zofia", "vlasta", "polina", "emel", "zariyah", "salma", "swara",
            "athina", "hila", "noemi", "gadis", "hoaimy", "premwadee", "achara", "alina", "sabela",
            // Japanese, Chinese, Korean
            "nanami", "aoi", "mayu", "shiori", "xiaoxiao", "xiaoyi", "xiaochen", "xiaohan", "xiaomeng", "xiaomo",
            "xiaoqiu", "xiaorui", "xiaoshuang", "xiaoxuan", "xiaoyan", "xiaoyou", "xiaozhen", "hiumaan", "hiugaai",
            "hsiaochen", "hsiaoyu", "sunhi", "jimin", "seohyeon", "soonbok", "yujin",
            // ElevenLabs
            "rachel", "domi", "dorothy", "charlotte", "matilda", "gigi", "grace", "glinda", "mimi", "nicole",
            "alice", "lily", "sarah", "laura", "jessica");

    /** First names of common neural voices that are male. */
    private static final Set<String> MALE = names(
            // en-US
            "guy", "tony", "andrew", "brian", "davis", "jason", "christopher", "eric", "roger", "steffan", "brandon",
            "jacob", "kai", "adam", "derek", "dustin", "lewis", "samuel", "onyx", "echo", "fable", "ash", "ballad",
            "verse",
            // en-GB, en-AU, other English
            "ryan", "alfie", "elliot", "ethan", "noah", "oliver", "thomas", "william", "darren", "duncan", "ken",
            "neil", "tim", "liam", "prabhat", "connor", "mitchell", "luke", "wayne", "sam", "james", "chilemba",
            "abeo", "elimu", "aarav", "kunal", "rehaan",
            // French
            "henri", "remy", "alain", "claude", "jerome", "maurice", "yves", "lucien", "antoine", "jean", "thierry",
            "gerard", "fabrice",
            // German
            "conrad", "florian", "bernd", "christoph", "kasper", "killian", "klaus", "ralf", "jonas", "jan",
            // Spanish
            "alvaro", "arnau", "dario", "elias", "nil", "saul", "teo", "tristan", "jorge", "cecilio", "gerardo",
            "liberto", "luciano", "pelayo", "yago", "alonso", "tomas", "gonzalo",
            // Portuguese
            "antonio", "macerio", "donato", "fabio", "humberto", "julio", "nicolau", "valerio", "duarte",
            // Italian
            "diego", "benigno", "calimero", "cataldo", "gianni", "lisandro", "rinaldo", "giuseppe", "alessio",
            "marcello",
            // Dutch, Nordic, Slavic, others
            "maarten", "arnaud", "mattias", "jeppe", "finn", "harri", "dmitry", "marek", "antonin", "ostap", "ahmet",
            "hamed", "shakir", "madhur", "nestoras", "avri", "tamas", "ardi", "namminh", "niwat", "emil", "roi",
            // Japanese, Chinese, Korean
            "keita", "daichi", "naoki", "masaru", "yunxi", "yunjian", "yunyang", "yunfeng", "yunhao", "yunxia",
            "yunye", "yunze", "yunjie", "yunyi", "wanlung", "yunjhe", "injoon", "bongjin", "gookmin", "hyunsu",
            // ElevenLabs
            "antoni", "arnold", "josh", "sam", "clyde", "dave", "drew", "fin", "george", "harry", "callum", "charlie",
            "daniel", "bill", "will", "chris", "eric");

    static Set<String> femaleNames() {
        return FEMALE;
    }

    static Set<String> maleNames() {
        return MALE;
    }

    /** Every espeak-ng voice the tables name (without variants). */
    static Set<String> voices() {
        java.util.Set<String> all = new java.util.TreeSet<>(REGIONAL.values());
        all.addAll(LANGUAGES.values());
        all.add(DEFAULT);
        return all;
    }

    private static Set<String> names(String... names) {
        return Set.copyOf(java.util.Arrays.asList(names));
    }
}
