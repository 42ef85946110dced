package vn.motcua.central.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.motcua.central.alert.Alert;
import vn.motcua.central.alert.AlertDetail;
import vn.motcua.central.command.CommandRecord;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.store.QuarantinedEvent;
import vn.motcua.central.web.Frame;
import vn.motcua.central.web.Html;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What the fleet's templates (src/main/jte/fleet) are given, and the small formatting they share: values in, text
 * out; the templates place and escape it.
 */
public final class FleetViews {
    private FleetViews() {
    }

    /** The fleet page: the whole fleet's totals as links, the filter, one page of kiosks and the pager. */
    public record FleetModel(List<Total> totals, FleetQuery query, List<String> sites, List<String> states,
                             List<String> sorts, boolean filtered, String empty, String emptyId, String showing,
                             List<PageLink> pager, List<Column> columns, List<KioskView> kiosks) {
    }

    /** One figure of the totals, opening the kiosks it counts. */
    public record Total(String id, String cssClass, String value, String labelKey, String href) {
    }

    /** A column of the fleet table: its header's text key and the field the live updates fill. */
    public record Column(String labelKey, String field) {
    }

    /**
     * One entry of the pager: a link to {@code page}, the current page, a disabled end, or a gap.
     *
     * @param kind {@code link}, {@code current}, {@code disabled} or {@code gap}
     */
    public record PageLink(String kind, String text, String query, String rel, int page) {
    }

    /** A kiosk's page. */
    public record KioskModel(KioskView kiosk, List<Fact> facts, List<Chart> charts, boolean canSend,
                             List<String> commandTypes, String commandsPath, List<CommandRecord> commands,
                             List<Alert> alerts, List<QuarantinedEvent> quarantined) {
    }

    /** One fact of a kiosk: the text key of its name and its value, {@code ""} when unknown. */
    public record Fact(String nameKey, String value) {
    }

    /** The kiosks that share an id across sites, for the older address by kiosk id alone. */
    public record KioskSites(String kioskId, List<KioskKey> kiosks) {
    }

    /** The alerts page, or a kiosk's alerts. */
    public record AlertsModel(List<Alert> alerts, boolean withKiosk) {
    }

    /**
     * A 24-hour line drawn as SVG, its geometry worked out here: {@code path} is the SVG path of the readings, empty
     * when there are none; {@code lastX}/{@code lastY} mark the latest reading.
     */
    public record Chart(String id, String title, int width, int height, int pad, String top, String path,
                        boolean drawn, String lastX, String lastY) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A command's notice text, from its arguments; null when it has none. */
    public static String noticeText(String argsJson) {
        try {
            JsonNode text = JSON.readTree(argsJson).path("text");
            return text.isTextual() ? text.asText() : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    public static String dash(Object value) {
        return value == null || value.toString().isEmpty() ? "—" : value.toString();
    }

    /** {@code ""} for none: an attribute the templates always write, even empty. */
    public static String text(String value) {
        return value == null ? "" : value;
    }

    /** An alert's detail in the page's language (its English words for an alert raised before details had keys). */
    public static String detail(Alert a, Frame frame) {
        return AlertDetail.shown(a.detailKey(), a.detailArgs(), text(a.detail()), frame::t);
    }

    public static String printerClass(String printer) {
        if (printer == null || printer.equals("ok")) {
            return "";
        }
        return printer.equals("paper_low") ? "warn" : "bad";
    }

    public static String pct(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.0f %%", v);
    }

    public static String temp(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.1f °C", v);
    }

    public static String time(long epochMillis) {
        return Html.time(epochMillis);
    }

    /** A kiosk's page: the kiosk is the pair of site and kiosk id. */
    public static String kioskPath(KioskKey kiosk) {
        return "/fleet/sites/" + kiosk.siteId() + "/kiosks/" + kiosk.kioskId();
    }

    /** Problems first: a kiosk offline, or with a printer fault, is marked on the fleet page. */
    public static boolean problem(KioskView k) {
        return FleetService.problemRank(k) <= 2;
    }

    /** The class of a command's result: green when done, red when refused, amber when it expired. */
    public static String commandClass(String state) {
        return state.equals("ok") ? "on" : state.equals("failed") ? "bad" : state.equals("expired") ? "warn" : "";
    }
}
