package vn.motcua.app.shell;

import java.util.Locale;

public enum Lang {
    VI(Locale.forLanguageTag("vi-VN")), EN(Locale.ENGLISH);

    private final Locale locale;

    Lang(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    public Lang other() {
        return this == VI ? EN : VI;
    }
}
