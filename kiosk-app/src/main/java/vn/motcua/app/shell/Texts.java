package vn.motcua.app.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/** The screen's words in Vietnamese and English, from {@code texts_vi.properties} and {@code texts_en.properties}. */
public final class Texts {
    private final Map<Lang, Properties> byLang = new EnumMap<>(Lang.class);

    public Texts() {
        for (Lang lang : Lang.values()) {
            String name = "/vn/motcua/app/texts_" + lang.name().toLowerCase() + ".properties";
            try (InputStream in = Texts.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is missing");
                }
                Properties p = new Properties();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                byLang.put(lang, p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The text for {@code key}; a missing key shows as the key itself, never as an empty label. */
    public String get(Lang lang, String key, Object... args) {
        String pattern = byLang.get(lang).getProperty(key);
        if (pattern == null) {
            pattern = byLang.get(Lang.VI).getProperty(key, key);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, lang.locale()).format(args);
    }

    public boolean has(Lang lang, String key) {
        return byLang.get(lang).containsKey(key);
    }
}
