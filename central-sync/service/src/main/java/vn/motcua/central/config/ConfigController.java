package vn.motcua.central.config;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.auth.AuthFilter;
import vn.motcua.central.auth.Principal;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskState;
import vn.motcua.central.web.Forbidden;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;

import java.util.TreeSet;

import static vn.motcua.central.web.Html.esc;

/**
 * Admins edit a site's configuration, in a form or as JSON, and publish it signed to the site's kiosks. Both edit
 * one draft in the page; publishing sends that draft's JSON, so the server checks the same thing either way.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConfigController {
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final SiteConfigService configs;
    private final EventStore store;

    public ConfigController(SiteConfigService configs, EventStore store) {
        this.configs = configs;
        this.store = store;
    }

    @Post(value = "/api/sites/{siteId}/config", consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<?> publish(HttpRequest<?> request, @PathVariable String siteId, @Body byte[] body) {
        return HttpResponse.ok(configs.publish(AuthFilter.principal(request), siteId, body, Lang.of(request)));
    }

    /**
     * Parses a procedure catalogue, CSV or XLSX whatever the content type says, into the configuration's
     * {@code procedures}; publishes nothing.
     */
    @Post(value = "/api/procedures/parse", consumes = {"text/csv", MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_OCTET_STREAM, XLSX})
    public java.util.List<vn.motcua.protocol.message.SiteConfig.Procedure> parseProcedures(HttpRequest<?> request,
                                                                                         @Body byte[] file) {
        if (!AuthFilter.principal(request).role().canAdminister()) {
            throw new Forbidden("only an admin may edit configurations");
        }
        return ProcedureUpload.parse(file);
    }

    @Get(value = "/admin/config", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page(HttpRequest<?> request) {
        Principal who = AuthFilter.principal(request);
        if (!who.role().canAdminister()) {
            throw new Forbidden("only an admin may publish configurations");
        }
        Lang lang = Lang.of(request);
        TreeSet<String> sites = new TreeSet<>();
        for (KioskState k : store.kiosks()) {
            sites.add(k.siteId());
        }
        String selected = request.getParameters().get("site");
        if (selected == null || !sites.contains(selected)) {
            selected = sites.isEmpty() ? "" : sites.first();
        }
        String current = selected.isEmpty() ? "" : configs.latestBody(selected).orElse("");
        StringBuilder b = new StringBuilder("<h1>").append(esc(lang.t("config"))).append("</h1>");
        b.append("<form id=\"config-form\" class=\"stack\" data-done=\"").append(esc(lang.t("configDone")))
                .append("\"><div class=\"config-head\"><label>").append(esc(lang.t("site")))
                .append(" <select name=\"site\" id=\"config-site\">");
        for (String s : sites) {
            b.append("<option").append(s.equals(selected) ? " selected" : "").append(">").append(esc(s))
                    .append("</option>");
        }
        b.append("</select></label> <span class=\"muted\">").append(esc(lang.t("latestVersion")))
                .append(": <b id=\"config-version\">")
                .append(selected.isEmpty() ? "—" : configs.latestVersion(selected).map(String::valueOf).orElse("—"))
                .append("</b></span></div>");
        easyForm(b, lang);
        b.append("<div class=\"config-actions\"><button type=\"submit\" id=\"publish-config\">")
                .append(esc(lang.t("publish"))).append("</button><p class=\"msg\" id=\"config-msg\" role=\"status\">")
                .append("</p></div><details id=\"config-advanced\" class=\"advanced\"><summary>")
                .append(esc(lang.t("cfg.advanced"))).append("</summary><p class=\"muted\">")
                .append(esc(lang.t("cfg.advancedHint"))).append("</p><textarea name=\"json\" id=\"config-json\" ")
                .append("rows=\"18\" spellcheck=\"false\">").append(esc(current)).append("</textarea></details></form>");
        return Html.ok(lang, Html.page(lang, who, lang.t("config"), "config", b.toString()));
    }

    /**
     * The form over the same draft as the JSON: general fields, then one table per list, whose rows app.js draws
     * from the draft. The procedure catalogue keeps its file import; only its size is shown here.
     */
    private static void easyForm(StringBuilder b, Lang lang) {
        b.append("<div id=\"config-easy\" class=\"config-easy\" data-remove=\"").append(esc(lang.t("cfg.remove")))
                .append("\" data-none=\"").append(esc(lang.t("cfg.noServices"))).append("\" data-unknown=\"")
                .append(esc(lang.t("cfg.unknownService"))).append("\" data-count=\"")
                .append(esc(lang.t("cfg.catalogueCount"))).append("\">")
                .append("<p class=\"msg error\" id=\"config-json-bad\" hidden>").append(esc(lang.t("cfg.jsonBad")))
                .append("</p><section class=\"card\"><h2>").append(esc(lang.t("cfg.general"))).append("</h2>")
                .append("<label class=\"field\">").append(esc(lang.t("cfg.siteName")))
                .append("<input type=\"text\" id=\"cfg-site-name\" data-path=\"siteName\" maxlength=\"200\"></label>")
                .append("<fieldset class=\"field scale\" data-path=\"ratingScale\"><legend>")
                .append(esc(lang.t("cfg.ratingScale"))).append("</legend>");
        for (int scale : new int[]{5, 3}) {
            b.append("<label class=\"check\"><input type=\"radio\" name=\"ratingScale\" value=\"").append(scale)
                    .append("\" id=\"cfg-scale-").append(scale).append("\">").append(esc(lang.t("cfg.scale" + scale)))
                    .append("</label>");
        }
        b.append("</fieldset><label class=\"field\">").append(esc(lang.t("cfg.notices")))
                .append("<textarea id=\"cfg-notices\" data-path=\"notices\" rows=\"3\"></textarea></label></section>");
        rows(b, lang, "services", "cfg.services", "cfg.addService", "cfg.prefixHint",
                "prefix:cfg.prefix", "nameVi:cfg.nameVi", "nameEn:cfg.nameEn");
        rows(b, lang, "counters", "cfg.counters", "cfg.addCounter", null,
                "id:cfg.counterId", "nameVi:cfg.counterName", "services:cfg.counterServices");
        rows(b, lang, "officers", "cfg.officers", "cfg.addOfficer", null,
                "id:cfg.officerId", "name:cfg.officerName", "photoUrl:cfg.photoUrl");
        b.append("<section class=\"card catalogue\"><h2>").append(esc(lang.t("importCatalogue")))
                .append("</h2><p id=\"cfg-catalogue-count\"></p><p class=\"muted\">").append(esc(lang.t("importColumns")))
                .append(" ").append(esc(String.join(",", ProcedureRows.COLUMNS))).append("</p><input type=\"file\" ")
                .append("accept=\".csv,.xlsx,text/csv,").append(XLSX).append("\" id=\"procedures-file\">")
                .append("<p class=\"msg\" id=\"import-msg\" data-done=\"").append(esc(lang.t("importDone")))
                .append("\"></p></section></div>");
    }

    /** A section with an empty table of {@code list}'s rows; each column is {@code field:label key}. */
    private static void rows(StringBuilder b, Lang lang, String list, String title, String add, String hint,
                             String... columns) {
        b.append("<section class=\"card\"><h2>").append(esc(lang.t(title))).append("</h2>");
        if (hint != null) {
            b.append("<p class=\"muted\">").append(esc(lang.t(hint))).append("</p>");
        }
        b.append("<table class=\"rows\" id=\"cfg-").append(list).append("\"><thead><tr>");
        for (String column : columns) {
            String field = column.substring(0, column.indexOf(':'));
            b.append("<th data-f=\"").append(field).append("\">").append(esc(lang.t(column.substring(field.length() + 1))))
                    .append("</th>");
        }
        b.append("<th></th></tr></thead><tbody></tbody></table><button type=\"button\" class=\"secondary\" ")
                .append("data-add=\"").append(list).append("\" id=\"add-").append(list).append("\">+ ")
                .append(esc(lang.t(add))).append("</button></section>");
    }
}
