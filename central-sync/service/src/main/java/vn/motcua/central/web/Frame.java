package vn.motcua.central.web;

import io.micronaut.core.annotation.Nullable;
import vn.motcua.central.web.Principal;

import java.util.ArrayList;
import java.util.List;

/**
 * What every page's frame shows: the language, the signed-in user (none on the sign-in page), the page's title and
 * which entry of the navigation is the current one ({@code ""} for none).
 */
public record Frame(Lang lang, @Nullable Principal user, String title, String active) {

    /** A text of the page's language; see {@link Lang#t}. */
    public String t(String key) {
        return lang.t(key);
    }

    /** The language the switch in the top bar offers. */
    public Lang other() {
        return lang == Lang.VI ? Lang.EN : Lang.VI;
    }

    /** One entry of the top bar's navigation: its address and the key of its text. */
    public record NavEntry(String href, String name) {
    }

    /** The pages the signed-in user's role may open; nothing before sign-in. */
    public List<NavEntry> navigation() {
        List<NavEntry> out = new ArrayList<>();
        if (user == null) {
            return out;
        }
        out.add(new NavEntry("/fleet", "fleet"));
        out.add(new NavEntry("/alerts", "alerts"));
        if (user.role().canReport()) {
            out.add(new NavEntry("/reports", "reports"));
        }
        if (user.role().canAdminister()) {
            out.add(new NavEntry("/admin/users", "users"));
            out.add(new NavEntry("/admin/config", "config"));
        }
        return out;
    }
}
