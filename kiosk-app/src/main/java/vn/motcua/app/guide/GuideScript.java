package vn.motcua.app.guide;

import vn.motcua.app.rating.Level;
import vn.motcua.app.shell.Lang;
import vn.motcua.app.shell.Texts;
import vn.motcua.screen.Site;
import vn.motcua.screen.SpeechRequest;
import vn.motcua.screen.TicketView;

import java.util.ArrayList;
import java.util.List;

/**
 * What the audio guide says on each screen, in order: the screen's title, then each choice after its position
 * ("Lựa chọn thứ nhất", "Nộp hồ sơ trực tuyến", …). Fixed phrases come from the screen's texts and carry a clip key
 * ({@code guide-home-welcome}), so an office may record them; names from the site configuration and phrases with a
 * number in them are spoken as text. No JavaFX: the plan is a plain list.
 */
public final class GuideScript {
    /** Positions said as ordinals up to here ("thứ mười"); beyond, as "lựa chọn số 11". */
    static final int ORDINALS = 10;

    private final Texts texts;

    public GuideScript(Texts texts) {
        this.texts = texts;
    }

    /** Said once when the citizen turns the guide on, before the screen. */
    public List<Utterance> turnedOn(Lang lang) {
        return List.of(fixed(lang, "guide.on"));
    }

    /** @param portrait the tiles stand one above the other (else side by side) */
    public List<Utterance> home(Lang lang, boolean portrait) {
        List<Utterance> u = new ArrayList<>();
        u.add(fixed(lang, "home.welcome"));
        u.add(fixed(lang, portrait ? "guide.order.topToBottom" : "guide.order.leftToRight"));
        String[] tiles = {"home.online.title", "home.ticket.title", "home.rating.title"};
        for (int i = 0; i < tiles.length; i++) {
            u.add(position(lang, i + 1));
            u.add(fixed(lang, tiles[i]));
        }
        u.add(fixed(lang, "guide.howToTurnOff"));
        return List.copyOf(u);
    }

    /**
     * The ticket screen before a service is chosen: the priority buttons first, since a tap on a service takes the
     * ticket at once, then the services.
     *
     * @param priorities the priority categories as the buttons show them, e.g. {@code elderly}
     * @param portrait   the priority buttons stand in a row above the services (else in a column on the right)
     */
    public List<Utterance> ticketChoice(Lang lang, List<String> priorities, List<Site.Service> services,
                                        boolean portrait) {
        List<Utterance> u = new ArrayList<>();
        u.add(fixed(lang, "ticket.choose"));
        u.add(fixed(lang, portrait ? "guide.priorities.above" : "guide.priorities.right"));
        for (int i = 0; i < priorities.size(); i++) {
            u.add(position(lang, i + 1));
            u.add(fixed(lang, "priority." + priorities.get(i)));
        }
        u.add(fixed(lang, "guide.services"));
        for (int i = 0; i < services.size(); i++) {
            Site.Service s = services.get(i);
            u.add(position(lang, i + 1));
            u.add(name(lang, s.nameVi(), s.nameEn()));
        }
        return List.copyOf(u);
    }

    /**
     * The procedures listed under the search: how many, then each name after its position. A long list is said
     * up to the tenth, then the fields that narrow it.
     *
     * @param listed the procedures the list shows, in its order
     * @param fields the field buttons after "all fields", in their order
     */
    public List<Utterance> procedures(Lang lang, List<Site.Procedure> listed, List<String> fields) {
        List<Utterance> u = new ArrayList<>();
        u.add(fixed(lang, "procedures.title"));
        u.add(fixed(lang, "guide.procedures"));
        if (listed.isEmpty()) {
            u.add(fixed(lang, "procedures.none"));
            return List.copyOf(u);
        }
        u.add(text(lang, texts.get(lang, "procedures.count", listed.size())));
        u.add(fixed(lang, "guide.order.topToBottom"));
        for (int i = 0; i < Math.min(ORDINALS, listed.size()); i++) {
            Site.Procedure p = listed.get(i);
            u.add(position(lang, i + 1));
            u.add(name(lang, p.nameVi(), p.nameEn()));
        }
        if (listed.size() > ORDINALS && !fields.isEmpty()) {
            u.add(fixed(lang, "guide.procedures.more"));
            u.add(position(lang, 1));
            u.add(fixed(lang, "procedures.fields.all"));
            for (int i = 0; i < fields.size(); i++) {
                u.add(position(lang, i + 2));
                u.add(name(lang, fields.get(i), null));
            }
        }
        return List.copyOf(u);
    }

    /** The follow-up after a low level: what went wrong, the choices in their order, then the two buttons. */
    public List<Utterance> ratingReasons(Lang lang, List<String> reasons) {
        List<Utterance> u = new ArrayList<>();
        u.add(fixed(lang, "rating.reasons.title"));
        u.add(fixed(lang, "rating.reasons.hint"));
        u.add(fixed(lang, "guide.order.leftToRight"));
        for (int i = 0; i < reasons.size(); i++) {
            u.add(position(lang, i + 1));
            u.add(fixed(lang, "reason." + reasons.get(i)));
        }
        u.add(fixed(lang, "guide.reasons.buttons"));
        return List.copyOf(u);
    }

    public List<Utterance> ticketIssued(Lang lang, TicketView t, boolean shownAsQr) {
        List<Utterance> u = new ArrayList<>();
        u.add(fixed(lang, "ticket.yourNumber"));
        // sign by sign, and the count apart from its words: the agent keeps each utterance it synthesises, so
        // utterances are made only of a few hundred texts, never one per ticket
        for (String sign : t.display().split("")) {
            u.add(text(lang, sign));
        }
        u.add(fixed(lang, "guide.peopleAhead"));
        u.add(text(lang, Integer.toString(t.peopleAhead())));
        u.add(fixed(lang, shownAsQr ? "ticket.photograph" : "ticket.takePaper"));
        return List.copyOf(u);
    }

    /** @param portrait the faces stand one above the other (else side by side) */
    public List<Utterance> ratingLevels(Lang lang, int scale, boolean portrait) {
        List<Utterance> u = new ArrayList<>();
        u.add(fixed(lang, "rating.levels.title"));
        u.add(fixed(lang, portrait ? "guide.order.topToBottom" : "guide.order.leftToRight"));
        List<Level> levels = Level.of(scale);
        for (int i = 0; i < levels.size(); i++) {
            u.add(position(lang, i + 1));
            u.add(fixed(lang, "level." + levels.get(i).wire()));
        }
        return List.copyOf(u);
    }

    /** A screen or step said by its fixed phrases alone, e.g. its title and its one line of help. */
    public List<Utterance> phrases(Lang lang, String... keys) {
        List<Utterance> u = new ArrayList<>();
        for (String k : keys) {
            u.add(fixed(lang, k));
        }
        return List.copyOf(u);
    }

    Utterance position(Lang lang, int n) {
        return n <= ORDINALS ? fixed(lang, "guide.position." + n) : text(lang, texts.get(lang, "guide.position.n", n));
    }

    /**
     * A name from the site configuration: free text no office could record beforehand, so it is synthesised with
     * espeak-ng by the agent, offline, when a configuration arrives (kept in its speech cache, so the first citizen
     * does not wait for it on a Pi). Made one line and cut at a word to fit the speech API's limit; a name the agent
     * still cannot say is skipped by the speaker while its position is said, so the citizen still hears where each
     * choice is and nothing waits on it.
     */
    private static Utterance name(Lang lang, String vi, String en) {
        String name = lang == Lang.EN && en != null && !en.isBlank() ? en : vi;
        return text(lang, SpeechRequest.oneLine(name));
    }

    private Utterance fixed(Lang lang, String key) {
        return new Utterance(clipOf(key, lang), texts.get(lang, key), code(lang));
    }

    private static Utterance text(Lang lang, String text) {
        return new Utterance(null, text, code(lang));
    }

    /** Recorded packs are Vietnamese: English phrases have no clip. */
    static String clipOf(String key, Lang lang) {
        if (lang != Lang.VI) {
            return null;
        }
        String k = key.startsWith("guide.") ? key.substring("guide.".length()) : key;
        return "guide-" + k.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("([a-z])([A-Z])", "$1-$2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    private static String code(Lang lang) {
        return lang == Lang.EN ? "en" : "vi";
    }
}
