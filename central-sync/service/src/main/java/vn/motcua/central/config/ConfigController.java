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
import vn.motcua.central.web.Principal;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskState;
import vn.motcua.central.web.Forbidden;
import vn.motcua.central.web.Frame;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Views;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

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
    private final Views views;

    public ConfigController(SiteConfigService configs, EventStore store, Views views) {
        this.configs = configs;
        this.store = store;
        this.views = views;
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
    public List<vn.motcua.protocol.message.SiteConfig.Procedure> parseProcedures(HttpRequest<?> request,
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
        String latest = selected.isEmpty() ? "—"
                : configs.latestVersion(selected).map(String::valueOf).orElse("—");
        ConfigModel model = new ConfigModel(sites, selected, latest, LISTS, String.join(",", ProcedureRows.COLUMNS),
                XLSX, current);
        return views.page("config/config.jte", new Frame(lang, who, lang.t("config"), "config"), model);
    }

    /**
     * The page: the sites, the one whose draft is open, its latest published version, and the draft as JSON. The
     * form over the same draft has general fields, then one table per list, whose rows app.js draws from the draft;
     * the procedure catalogue keeps its file import, and only its size is shown.
     */
    public record ConfigModel(Collection<String> sites, String selected, String latestVersion, List<RowList> lists,
                              String catalogueColumns, String xlsxType, String json) {
    }

    /** A list of the configuration shown as a table: its field, title, add button and hint (or null), columns. */
    public record RowList(String name, String title, String add, String hint, List<RowColumn> columns) {
    }

    /** A column of a list's table: the field of each row it edits, and the message key of its header. */
    public record RowColumn(String field, String label) {
    }

    private static final List<RowList> LISTS = List.of(
            new RowList("services", "cfg.services", "cfg.addService", "cfg.prefixHint", List.of(
                    new RowColumn("prefix", "cfg.prefix"), new RowColumn("nameVi", "cfg.nameVi"),
                    new RowColumn("nameEn", "cfg.nameEn"), new RowColumn("targetMinutes", "cfg.targetMinutes"),
                    new RowColumn("longestWaitMinutes", "cfg.longestWaitMinutes"),
                    new RowColumn("queueLength", "cfg.queueLength"))),
            new RowList("counters", "cfg.counters", "cfg.addCounter", null, List.of(
                    new RowColumn("id", "cfg.counterId"), new RowColumn("nameVi", "cfg.counterName"),
                    new RowColumn("services", "cfg.counterServices"))),
            new RowList("officers", "cfg.officers", "cfg.addOfficer", null, List.of(
                    new RowColumn("id", "cfg.officerId"), new RowColumn("name", "cfg.officerName"),
                    new RowColumn("photoUrl", "cfg.photoUrl"))));
}
