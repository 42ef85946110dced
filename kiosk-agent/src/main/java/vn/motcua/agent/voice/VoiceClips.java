package vn.motcua.agent.voice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed clip names of a voice pack, and what each one says in Vietnamese. A pack is a folder holding one
 * {@code <name>.wav} per name (PCM 16-bit mono, 16-48 kHz) and a {@code pack.properties}; announcements are joined
 * from these clips, so a pack recorded by a person replaces the synthetic one file for file.
 */
public final class VoiceClips {
    /** "Mời công dân có số thứ tự" — opens a call. */
    public static final String INVITE = "moi-cong-dan-co-so-thu-tu";
    /** "đến quầy số" — before the counter's number. */
    public static final String TO_COUNTER = "den-quay-so";
    public static final int MAX_COUNTER = 99;
    public static final String PROPERTIES = "pack.properties";

    /**
     * Letters as Vietnamese speakers spell them out (A012 is "a, không, một, hai"). J is written "di", as the North
     * says "gi" (/zi/): given "gi", espeak-ng says the consonant alone.
     */
    private static final String[] LETTERS = {"a", "bê", "xê", "dê", "e", "ép phờ", "giê", "hát", "i", "di", "ca", "e lờ",
        "em mờ", "en nờ", "o", "pê", "quy", "e rờ", "ét xì", "tê", "u", "vê", "vê kép", "ích xì", "i dài", "dét"};
    private static final String[] DIGITS = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

    private static final Map<String, String> SAYS = says();

    private VoiceClips() {
    }

    private static Map<String, String> says() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(INVITE, "Mời công dân có số thứ tự");
        m.put(TO_COUNTER, "đến quầy số");
        for (char c = 'A'; c <= 'Z'; c++) {
            m.put(letter(c), LETTERS[c - 'A']);
        }
        for (int d = 0; d <= 9; d++) {
            m.put(digit(d), DIGITS[d]);
        }
        for (int n = 1; n <= MAX_COUNTER; n++) {
            m.put(counter(n), number(n));
        }
        return Collections.unmodifiableMap(m);
    }

    /** {@code chu-A} … {@code chu-Z}. */
    public static String letter(char upper) {
        if (upper < 'A' || upper > 'Z') {
            throw new IllegalArgumentException("no clip for the letter '" + upper + "' (A-Z only)");
        }
        return "chu-" + upper;
    }

    /** {@code so-0} … {@code so-9}: a ticket's digits, read one by one. */
    public static String digit(int d) {
        if (d < 0 || d > 9) {
            throw new IllegalArgumentException("no clip for the digit " + d);
        }
        return "so-" + d;
    }

    /** {@code quay-1} … {@code quay-99}: a counter's number, said as a number ("mười hai"). */
    public static String counter(int n) {
        if (n < 1 || n > MAX_COUNTER) {
            throw new IllegalArgumentException("counter number " + n + " must be 1-" + MAX_COUNTER);
        }
        return "quay-" + n;
    }

    /** Every clip name of a pack, in a stable order. */
    public static List<String> names() {
        return new ArrayList<>(SAYS.keySet());
    }

    /** Whether {@code name} is one of the fixed names (the only files a pack may serve). */
    public static boolean isClip(String name) {
        return name != null && SAYS.containsKey(name);
    }

    /** What the clip says, in Vietnamese: the text the default pack is synthesised from and a speaker reads. */
    public static String says(String name) {
        String text = SAYS.get(name);
        if (text == null) {
            throw new IllegalArgumentException("'" + name + "' is not a clip of a voice pack");
        }
        return text;
    }

    /** 1-99 in words, as said in the North: 15 "mười lăm", 21 "hai mươi mốt", 24 "hai mươi tư", 30 "ba mươi". */
    static String number(int n) {
        if (n < 10) {
            return DIGITS[n];
        }
        int tens = n / 10;
        int ones = n % 10;
        String head = tens == 1 ? "mười" : DIGITS[tens] + " mươi";
        if (ones == 0) {
            return head;
        }
        String tail = switch (ones) {
            case 1 -> tens == 1 ? "một" : "mốt";
            case 4 -> tens == 1 ? "bốn" : "tư";
            case 5 -> "lăm";
            default -> DIGITS[ones];
        };
        return head + " " + tail;
    }
}
