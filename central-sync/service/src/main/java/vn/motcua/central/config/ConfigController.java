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

/** Admins edit a site's configuration as JSON and publish it signed to the site's kiosks. */
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
        return HttpResponse.ok(configs.publish(AuthFilter.principal(request), siteId, body));
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
        StringBuilder b = new StringBuilder("<h1>").append(esc(lang.t("config"))).append("</h1>");
        b.append("<form id=\"config-form\" class=\"stack\" data-done=\"")
      .append(esc(lang.t("configDone"))).append("\"><label>").append(esc(lang.t("site")))
                .append(" <select name=\"site\" id=\"config-site\">");
        for (String s : sites) {
            b.append("<option").append(s.equals(selected) ? " selected" : "").append(">").append(esc(s))
                    .append("</option>");
        }
        String current = selected.isEmpty() ? "" : configs.latestBody(selected).orElse("");
        b.append("</select></label> <span class=\"muted\">").append(esc(lang.t("latestVersion"))).append(": <b id=\"config-version\">")
                .append(selected.isEmpty() ? "—" : configs.latestVersion(selected).map(String::valueOf).orElse("—"))
                .append("</b></span><textarea name=\"json\" id=\"config-json\" rows=\"18\" spellcheck=\"false\">")
                .append(esc(current)).append("</textarea><button type=\"submit\" id=\"publish-config\">")
                .append(esc(lang.t("publish"))).append("</button></form><p class=\"msg\" id=\"config-msg\"></p>")
                .append("<section class=\"card\"><h2>").append(esc(lang.t("importCatalogue")))
                .append("</h2><p class=\"muted\">").append(esc(lang.t("importColumns"))).append(" ")
                .append(esc(String.join(",", ProcedureRows.COLUMNS))).append("</p><input type=\"file\" accept=\"")
                .append(".csv,.xlsx,text/csv,").append(XLSX).append("\" id=\"procedures-file\"><p class=\"msg\" id=\"import-msg\" data-done=\"")
                .append(esc(lang.t("importDone"))).append("\"></p></section>");
        return Html.ok(lang, Html.page(lang, who, lang.t("config"), "config", b.toString()));
    }
}
