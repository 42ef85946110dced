package vn.motcua.protocol;

/**
 * Which characters a text of the contract may hold. Control characters (C0 including U+0000, DEL and C1) and unpaired
 * UTF-16 surrogates are refused in every text: they show as nothing or garbage on a screen or in a report, and a
 * store may refuse them (PostgreSQL's jsonb refuses {@code \u0000} and unpaired surrogate escapes). Vietnamese and
 * every other assigned letter, mark, digit, symbol and space is allowed. A few long texts of a site configuration or a
 * command (a notice, a procedure's documents) may also hold line breaks and tabs; nothing in an event may.
 */
public final class TextRules {
    private TextRules() {
    }

    /** The index of the first character a one-line text may not hold, or -1 when there is none. */
    public static int firstForbidden(String text) {
        return firstForbidden(text, false);
    }

    /**
     * The index of the first character a text may not hold, or -1 when there is none.
     *
     * @param lineBreaks whether tab, line feed and carriage return are allowed
     */
    public static int firstForbidden(String text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(ch)) {
                return i;
            }
            if (isControl(ch) && !(lineBreaks && (ch == '\t' || ch == '\n' || ch == '\r'))) {
                return i;
            }
        }
        return -1;
    }

    /** What is wrong at {@code index}, e.g. {@code "control character U+0000 at position 7"} (positions from 1). */
    public static String describe(String text, int index) {
        char ch = text.charAt(index);
        String kind = Character.isSurrogate(ch) ? "unpaired surrogate" : "control character";
        return kind + " U+" + String.format("%04X", (int) ch) + " at position " + (index + 1);
    }

    private static boolean isControl(char ch) {
        return ch < 0x20 || (ch >= 0x7f && ch <= 0x9f);
    }
}
