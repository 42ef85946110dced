package vn.motcua.app.procedures;

import vn.motcua.screen.Site;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Finds procedures by words typed with or without Vietnamese diacritics, in any case. */
public final class Search {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Search() {
    }

    /** "Xác minh VĂN BẰNG, chứng chỉ" → "xac minh van bang chung chi". đ is a letter of its own, not a d with a mark. */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT).replace('đ', 'd');
        String bare = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        return NON_WORD.matcher(bare).replaceAll(" ").trim();
    }

    /** Every word of the query appears in the procedure's names, code or field. An empty query matches all. */
    public static List<Site.Procedure> filter(List<Site.Procedure> procedures, String query, String field) {
        String[] words = fold(query).split(" ");
        return procedures.stream()
                .filter(p -> field == null || field.equals(p.field()))
                .filter(p -> {
                    String hay = " " + fold(p.nameVi() + " " + (p.nameEn() == null ? "" : p.nameEn()) + " "
                            + (p.code() == null ? "" : p.code()) + " " + (p.field() == null ? "" : p.field())) + " ";
                    return Arrays.stream(words).allMatch(w -> w.isEmpty() || hay.contains(w));
                })
                .toList();
    }
}
