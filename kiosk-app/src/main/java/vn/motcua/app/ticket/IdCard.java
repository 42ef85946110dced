package vn.motcua.app.ticket;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * Reads the QR code of a chip ID card (căn cước công dân gắn chip) for one purpose only: whether its holder has
 * reached the elderly priority age. The code holds {@code id|old id|name|date of birth ddMMyyyy|sex|address|issue
 * date ddMMyyyy}; nothing of it is kept or returned — only the answer. The caller clears its own copy of the text.
 */
public final class IdCard {
    /** What a scan says; the card's contents stay out of it on purpose. */
    public enum Reading {
        /** the holder is at least the priority age */
        PRIORITY,
        /** a valid card whose holder is younger */
        TOO_YOUNG,
        /** not a chip ID card's QR: a link, another code, a damaged or impossible date */
        NOT_AN_ID_CARD
    }

    private static final int FIELDS = 7;
    private static final Pattern ID = Pattern.compile("\\d{12}");
    private static final Pattern OLD_ID = Pattern.compile("(\\d{9}|\\d{12})?");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("ddMMuuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_LENGTH = 1000;

    private IdCard() {
    }

    /**
     * @param scanned     what the scanner typed, without the final Enter
     * @param today       the kiosk's local date
     * @param priorityAge the site's threshold, in whole years
     */
    public static Reading read(CharSequence scanned, LocalDate today, int priorityAge) {
        if (scanned == null || scanned.length() == 0 || scanned.length() > MAX_LENGTH) {
            return Reading.NOT_AN_ID_CARD;
        }
        String[] f = scanned.toString().strip().split("\\|", -1);
        if (f.length != FIELDS || !ID.matcher(f[0]).matches() || !OLD_ID.matcher(f[1]).matches()
                || f[2].isBlank() || f[4].isBlank()) {
            return Reading.NOT_AN_ID_CARD;
        }
        LocalDate born;
        LocalDate issued;
        try {
            born = LocalDate.parse(f[3], DATE);
            issued = LocalDate.parse(f[6], DATE);
        } catch (DateTimeException e) {
            return Reading.NOT_AN_ID_CARD;
        }
        if (born.isAfter(today) || issued.isAfter(today) || issued.isBefore(born)) {
            return Reading.NOT_AN_ID_CARD;
        }
        return Period.between(born, today).getYears() >= priorityAge ? Reading.PRIORITY : Reading.TOO_YOUNG;
    }
}
