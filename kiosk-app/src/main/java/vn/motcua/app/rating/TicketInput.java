package vn.motcua.app.rating;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a citizen enters to say which visit they rate: the ticket's QR (a scanner types its status link, ending in
 * {@code /t/<uuid>}), a bare ticket id, or the printed number such as {@code A012} (also {@code a12}, {@code A 12}).
 */
public record TicketInput(String ticketId, String display) {
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern LINK = Pattern.compile(".*/t/(" + UUID + ")/?(?:[?#].*)?");
    private static final Pattern ID = Pattern.compile(UUID);
    private static final Pattern NUMBER = Pattern.compile("([A-Za-z])\\s*0*(\\d{1,4})");

    public static Optional<TicketInput> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        Matcher m = LINK.matcher(s);
        if (m.matches()) {
            return Optional.of(new TicketInput(m.group(1).toLowerCase(Locale.ROOT), null));
        }
        if (ID.matcher(s).matches()) {
            return Optional.of(new TicketInput(s.toLowerCase(Locale.ROOT), null));
        }
        m = NUMBER.matcher(s);
        if (m.matches()) {
            return Optional.of(new TicketInput(null,
                    m.group(1).toUpperCase(Locale.ROOT) + String.format("%03d", Integer.parseInt(m.group(2)))));
        }
        return Optional.empty();
    }
}
