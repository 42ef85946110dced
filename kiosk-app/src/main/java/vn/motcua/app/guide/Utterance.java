package vn.motcua.app.guide;

/**
 * One thing the audio guide says.
 *
 * @param clip the fixed phrase's key, which an office's recorded voice pack may hold as {@code <clip>.wav}; null for
 *             a text from the site configuration or with a number in it, which is always synthesised
 * @param text what is said, in {@code lang}
 * @param lang {@code vi} or {@code en}
 */
public record Utterance(String clip, String text, String lang) {
}
