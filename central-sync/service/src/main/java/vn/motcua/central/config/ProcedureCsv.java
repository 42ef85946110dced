package vn.motcua.central.config;

import vn.motcua.central.api.BadParameterException;
import vn.motcua.protocol.message.SiteConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The procedure catalogue from CSV (RFC 4180: quoted cells may hold commas, quotes and line breaks). The first row
 * names the columns; {@code nameVi} and {@code portalUrl} are required, {@code documents} are separated by
 * {@code ;}, {@code fullyOnline} is true/false (or có/không). An error names the line and the column.
 */
public final class ProcedureCsv {
    public static final List<String> COLUMNS = List.of("code", "nameVi", "nameEn", "field", "level", "fullyOnline",
            "fee", "timeLimit", "documents", "portalUrl", "service");
    private static final int MAX_ROWS = 5000;

    private ProcedureCsv() {
    }

    public static List<SiteConfig.Procedure> parse(String csv) {
        List<List<String>> rows = rows(csv.startsWith("\uFEFF") ? csv.substring(1) : csv);
        if (rows.isEmpty()) {
            throw new BadParameterException("csv", "is empty");
        }
        List<String> header = rows.get(0).stream().map(String::trim).toList();
        int[] at = new int[COLUMNS.size()];
        for (int i = 0; i < COLUMNS.size(); i++) {
            at[i] = header.indexOf(COLUMNS.get(i));
        }
        for (String required : List.of("nameVi", "portalUrl")) {
            if (at[COLUMNS.indexOf(required)] < 0) {
                throw new BadParameterException("csv", "line 1: the header has no column " + required
                        + " (columns: " + String.join(",", COLUMNS) + ")");
            }
        }
        if (rows.size() - 1 > MAX_ROWS) {
            throw new BadParameterException("csv", "at most " + MAX_ROWS + " procedures");
        }
        List<SiteConfig.Procedure> out = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            int line = r + 1;
            java.util.function.Function<String, String> cell = name -> {
                int i = at[COLUMNS.indexOf(name)];
                String v = i < 0 || i >= row.size() ? "" : row.get(i).trim();
                return v.isEmpty() ? null : v;
            };
            String nameVi = cell.apply("nameVi");
            if (nameVi == null) {
                throw new BadParameterException("csv", "line " + line + ": nameVi is empty");
            }
            String url = cell.apply("portalUrl");
            if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
                throw new BadParameterException("csv", "line " + line + ": portalUrl must be an http(s) link");
            }
            String online = cell.apply("fullyOnline");
            boolean fullyOnline;
            if (online == null || List.of("false", "không", "khong", "0", "no").contains(online.toLowerCase(Locale.ROOT))) {
                fullyOnline = false;
            } else if (List.of("true", "có", "co", "1", "yes").contains(online.toLowerCase(Locale.ROOT))) {
                fullyOnline = true;
            } else {
                throw new BadParameterException("csv", "line " + line + ": fullyOnline must be true or false");
            }
            String docs = cell.apply("documents");
            List<String> documents = docs == null ? List.of()
                    : Arrays.stream(docs.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            out.add(new SiteConfig.Procedure(cell.apply("code"), nameVi, cell.apply("nameEn"), cell.apply("field"),
                    cell.apply("level"), fullyOnline, cell.apply("fee"), cell.apply("timeLimit"), documents, url,
                    cell.apply("service")));
        }
        return out;
    }

    static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new BadParameterException("csv", "a quoted cell is not closed");
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
