package vn.motcua.agent.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans a call aloud as the clips to play, in order: A012 to counter 3 is "Mời công dân có số thứ tự", "a", "không",
 * "một", "hai", "đến quầy số", "ba". No framework, no audio: the hall display plays the list.
 */
public final class Announcement {
    /** A ticket as displayed: up to two letters, then 1-6 digits. */
    private static final Pattern TICKET = Pattern.compile("([A-Z]{0,2})([0-9]{1,6})");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("([0-9]+)\\D*$");

    private Announcement() {
    }

    /**
     * @param ticket  the ticket's display, e.g. {@code A012} (a letterless {@code 012} too)
     * @param counter the counter's number, 1-99
     * @throws IllegalArgumentException for a ticket not of that form or a counter number out of range
     */
    public static List<String> plan(String ticket, int counter) {
        Matcher m = ticket == null ? null : TICKET.matcher(ticket);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("ticket '" + ticket + "' cannot be read aloud: up to two letters A-Z, "
                    + "then 1-6 digits, e.g. A012");
        }
        String counterClip = VoiceClips.counter(counter);
        List<String> clips = new ArrayList<>();
        clips.add(VoiceClips.INVITE);
        for (char c : m.group(1).toCharArray()) {
            clips.add(VoiceClips.letter(c));
        }
        for (char c : m.group(2).toCharArray()) {
            clips.add(VoiceClips.digit(c - '0'));
        }
        clips.add(VoiceClips.TO_COUNTER);
        clips.add(counterClip);
        return List.copyOf(clips);
    }

    /**
     * The number a counter is called by: its id when that is a number ("3"), else the last number in its name
     * ("Quầy 12"); empty when neither is a number 1-99.
     */
    public static OptionalInt counterNumber(String id, String name) {
        for (String s : new String[]{id, name}) {
            if (s == null) {
                continue;
            }
            Matcher m = TRAILING_NUMBER.matcher(s.strip());
            if (m.find() && m.group(1).length() <= 2) {
                int n = Integer.parseInt(m.group(1));
                if (n >= 1 && n <= VoiceClips.MAX_COUNTER) {
                    return OptionalInt.of(n);
                }
            }
        }
        return OptionalInt.empty();
    }
}
