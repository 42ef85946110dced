package vn.motcua.central.web;

import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;

/**
 * JTE's HTML output, escaping text between tags as the console always has: quotes too ({@code &quot;}, {@code &#39;}),
 * not only {@code & < >}, so a configuration's JSON in a textarea reads the same as before. Attributes, scripts and
 * styles keep JTE's own escaping and its guard against {@code javascript:} URLs.
 */
final class PageOutput extends OwaspHtmlTemplateOutput {
    private final TemplateOutput out;
    private String tag;
    private String attribute;

    PageOutput(TemplateOutput out) {
        super(out);
        this.out = out;
    }

    @Override
    public void setContext(String tagName, String attributeName) {
        super.setContext(tagName, attributeName);
        this.tag = tagName;
        this.attribute = attributeName;
    }

    @Override
    public void writeUserContent(String value) {
        if (attribute != null || "script".equals(tag) || "style".equals(tag)) {
            super.writeUserContent(value);
            return;
        }
        if (value == null) {
            return;
        }
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            String entity = switch (value.charAt(i)) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null) {
                out.writeContent(value, from, i);
                out.writeContent(entity);
                from = i + 1;
            }
        }
        out.writeContent(value, from, value.length());
    }
}
