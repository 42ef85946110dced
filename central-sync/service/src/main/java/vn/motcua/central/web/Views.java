package vn.motcua.central.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Renders the console's pages from the JTE templates in {@code src/main/jte}, compiled to classes at build time:
 * nothing is parsed at run time, and every {@code ${value}} is escaped for where it stands in the HTML.
 */
@Singleton
public class Views {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** The HTML of {@code template} (a path under src/main/jte, e.g. {@code "fleet/fleet.jte"}). */
    public String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput(8192);
        engine.render(template, params, new PageOutput(out));
        return out.toString();
    }

    /** A page of the console in {@code lang}: the template is given the {@code frame} and its own {@code page}. */
    public MutableHttpResponse<String> page(String template, Frame frame, Object page) {
        return Html.ok(frame.lang(), render(template, Map.of("frame", frame, "page", page)));
    }

    /** A page of the console whose template needs the frame only. */
    public MutableHttpResponse<String> page(String template, Frame frame) {
        return Html.ok(frame.lang(), render(template, Map.of("frame", frame)));
    }
}
