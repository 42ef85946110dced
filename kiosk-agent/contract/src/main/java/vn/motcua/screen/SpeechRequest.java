package vn.motcua.screen;

/**
 * {@code POST /api/speech}: one utterance of the screen's audio guide; the answer is a WAV (PCM 16-bit mono).
 *
 * @param text what to say: one line, at most {@value #MAX_TEXT} characters, no control characters
 * @param lang {@code vi} or {@code en}
 * @param clip the fixed phrase's key, e.g. {@code guide-home-title}, or null for a text from the site configuration;
 *             an office's recorded voice pack that holds {@code <clip>.wav} is played instead of the synthesised
 *             text
 */
public record SpeechRequest(String text, String lang, String clip) {
    public static final int MAX_TEXT = 300;
    /** A clip key: lower-case letters, digits and dashes, as the pack's file names. */
    public static final String CLIP_PATTERN = "[a-z0-9]+(-[a-z0-9]+){0,15}";
    public static final int MAX_CLIP = 64;

    /**
     * A text from the site configuration (a procedure's name may be 1,000 characters over several lines) as the
     * screen asks for it and the agent prepares it: one line, spaces collapsed, cut after a word to fit
     * {@link #MAX_TEXT}. Both sides use this one form, so what the agent made beforehand is what the screen asks.
     */
    public static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("[\\s\\x00-\\x1F\\x7F-\\x9F]+", " ").strip();
        if (line.length() <= MAX_TEXT) {
            return line;
        }
        int cut = line.lastIndexOf(' ', MAX_TEXT);
        if (cut <= 0) {
            cut = Character.isHighSurrogate(line.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
        }
        return line.substring(0, cut);
    }
}
