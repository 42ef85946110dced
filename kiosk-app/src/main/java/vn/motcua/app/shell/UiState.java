package vn.motcua.app.shell;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import vn.motcua.screen.PrinterInfo;
import vn.motcua.screen.Site;

import java.util.List;
import java.util.function.Supplier;

/** What every screen shares: language, text size, orientation, the agent's reachability, the site, printer
 * and central's notice. */
public final class UiState {
    private final Texts texts;
    private final ObjectProperty<Lang> lang = new SimpleObjectProperty<>(Lang.VI);
    private final BooleanProperty largeText = new SimpleBooleanProperty(false);
    private final BooleanProperty portrait = new SimpleBooleanProperty(false);
    private final BooleanProperty agentReachable = new SimpleBooleanProperty(true);
    private final ObjectProperty<Site> site = new SimpleObjectProperty<>();
    private final ObjectProperty<PrinterInfo> printer = new SimpleObjectProperty<>(PrinterInfo.unknown());
    private final ObjectProperty<String> centralNotice = new SimpleObjectProperty<>();
    private final BooleanProperty guideOn = new SimpleBooleanProperty(false);
    private final BooleanProperty askingForMoreTime = new SimpleBooleanProperty(false);
    private final ReadOnlyIntegerWrapper timeExtended = new ReadOnlyIntegerWrapper();

    private final List<Lang> languages;

    public UiState(Texts texts) {
        this(texts, List.of(Lang.VI, Lang.EN));
    }

    /** @param languages the kiosk's languages, the one it starts in first */
    public UiState(Texts texts, List<Lang> languages) {
        this.texts = texts;
        this.languages = List.copyOf(languages);
        lang.set(this.languages.get(0));
    }

    public List<Lang> languages() {
        return languages;
    }

    public ObjectProperty<Lang> lang() {
        return lang;
    }

    public BooleanProperty largeText() {
        return largeText;
    }

    public BooleanProperty portrait() {
        return portrait;
    }

    public BooleanProperty agentReachable() {
        return agentReachable;
    }

    public ObjectProperty<Site> site() {
        return site;
    }

    /** Whether the audio guide speaks the screens, for this citizen's session. */
    public BooleanProperty guideOn() {
        return guideOn;
    }

    /** Whether the "do you need more time?" question covers the screen (set by the shell only). */
    public BooleanProperty askingForMoreTime() {
        return askingForMoreTime;
    }

    /** Counts the citizen's "more time" answers to that question. */
    public ReadOnlyIntegerProperty timeExtended() {
        return timeExtended.getReadOnlyProperty();
    }

    /** The citizen asked for more time (called by the shell only). */
    public void extendTime() {
        timeExtended.set(timeExtended.get() + 1);
    }

    public ObjectProperty<PrinterInfo> printer() {
        return printer;
    }

    /** A notice central sent for now (e.g. a closure), shown above the site's own; null when there is none. */
    public ObjectProperty<String> centralNotice() {
        return centralNotice;
    }

    public String t(String key, Object... args) {
        return texts.get(lang.get(), key, args);
    }

    /** A text that follows the language toggle. */
    public StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> texts.get(lang.get(), key, args), lang);
    }

    /** A computed text that follows the language toggle and the given values. */
    public StringBinding text(Supplier<String> compute, ObservableValue<?>... also) {
        ObservableValue<?>[] deps = new ObservableValue<?>[also.length + 1];
        deps[0] = lang;
        System.arraycopy(also, 0, deps, 1, also.length);
        return Bindings.createStringBinding(compute::get, deps);
    }

    public boolean english() {
        return lang.get() == Lang.EN;
    }

    /** The English name when English is on and there is one, else the Vietnamese. */
    public String pick(String vi, String en) {
        return english() && en != null && !en.isBlank() ? en : vi;
    }
}
