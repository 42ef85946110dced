package vn.motcua.central.config;

import vn.motcua.central.api.BadParameterException;
import vn.motcua.protocol.message.SiteConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The procedure catalogue's columns and the checks each row gets, whatever file it came in (CSV or XLSX). The
 * header names the columns in any order; {@code nameVi} and {@code portalUrl} are required, {@code documents} are
 * separated by {@code ;}, {@code fullyOnline} is true/false (or có/không), a code appears at most once. Blank rows are
 * skipped. An error names the row and the column the way the file's own program shows them.
 */
final class ProcedureRows {
    static final List<String> COLUMNS = List.of("code", "nameVi", "nameEn", "field", "level", "fullyOnline",
            "fee", "timeLimit", "documents", "portalUrl", "service");
    static final int MAX_ROWS = 5000;
    /**
     * Cells read per row: the catalogue has 11 columns and a sheet may carry a few more; a value beyond this is
     * refused, an empty cell beyond it is not even kept (a cell at column 16,384 would otherwise make 16,384).
     */
    static final int MAX_COLUMNS = 64;
    /**
     * Blank rows skipped before the file is refused: they cost nothing kept, but a file of nothing else is not a
     * catalogue (an export of a sheet with formatted empty rows has some thousands at most).
     */
    static final int MAX_BLANK_ROWS = 100_000;

    /** How the file's program names a row ("line 3") and a cell ("row 3, cell J3"). */
    interface Places {
        String row(int number);

        String cell(int rowNumber, int column);
    }

    /** A row of the file as text cells, with the number its program shows for it. */
    record Row(int number, List<String> cells) {
        boolean blank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }

        String at(int column) {
            String v = column < 0 || column >= cells.size() || cells.get(column) == null ? "" : cells.get(column).trim();
            return v.isEmpty() ? null : v;
        }
    }

    private ProcedureRows() {
    }

    static BadParameterException tooMany(String parameter) {
        return new BadParameterException(parameter, "at most " + MAX_ROWS + " procedures");
    }

    static BadParameterException tooManyBlank(String parameter, String place) {
        return new BadParameterException(parameter, place + ": more than " + MAX_BLANK_ROWS + " blank rows; delete "
                + "the empty rows (at the end of the sheet, usually) and save the file again");
    }

    static BadParameterException beyondLastColumn(String parameter, String place) {
        return new BadParameterException(parameter, place + ": a value beyond column " + MAX_COLUMNS + "; the "
                + "catalogue is read from the first " + MAX_COLUMNS + " columns (" + String.join(",", COLUMNS)
                + "): move or delete what is further right");
    }

    /** {@code parameter} names the upload in errors ("csv", "xlsx"); the header is the first row given. */
    static List<SiteConfig.Procedure> procedures(String parameter, Places places, List<Row> rows) {
        if (rows.isEmpty()) {
            throw new BadParameterException(parameter, "is empty");
        }
        Row headerRow = rows.get(0);
        List<String> header = headerRow.cells().stream().map(c -> c == null ? "" : c.trim()).toList();
        int[] at = new int[COLUMNS.size()];
        for (int i = 0; i < COLUMNS.size(); i++) {
            at[i] = header.indexOf(COLUMNS.get(i));
        }
        for (String required : List.of("nameVi", "portalUrl")) {
            if (at[COLUMNS.indexOf(required)] < 0) {
                throw new BadParameterException(parameter, places.row(headerRow.number())
                        + ": the header has no column " + required + " (columns: " + String.join(",", COLUMNS) + ")");
            }
        }
        List<Row> data = rows.subList(1, rows.size()).stream().filter(r -> !r.blank()).toList();
        if (data.size() > MAX_ROWS) {
            throw tooMany(parameter);
        }
        List<SiteConfig.Procedure> out = new ArrayList<>();
        Map<String, Integer> codes = new HashMap<>();
        for (Row row : data) {
            java.util.function.Function<String, String> cell = name -> row.at(at[COLUMNS.indexOf(name)]);
            java.util.function.Function<String, String> place = name ->
                    places.cell(row.number(), at[COLUMNS.indexOf(name)]);
            String code = cell.apply("code");
            if (code != null) {
                Integer first = codes.putIfAbsent(code, row.number());
                if (first != null) {
                    throw new BadParameterException(parameter, place.apply("code") + ": code " + code
                            + " is already on " + places.row(first));
                }
            }
            String nameVi = cell.apply("nameVi");
            if (nameVi == null) {
                throw new BadParameterException(parameter, place.apply("nameVi") + ": nameVi is empty");
            }
            String url = cell.apply("portalUrl");
            if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
                throw new BadParameterException(parameter, place.apply("portalUrl")
                        + ": portalUrl must be an http(s) link");
            }
            String online = cell.apply("fullyOnline");
            boolean fullyOnline;
            if (online == null || List.of("false", "không", "khong", "0", "no").contains(online.toLowerCase(Locale.ROOT))) {
                fullyOnline = false;
            } else if (List.of("true", "có", "co", "1", "yes").contains(online.toLowerCase(Locale.ROOT))) {
                fullyOnline = true;
            } else {
                throw new BadParameterException(parameter, place.apply("fullyOnline")
                        + ": fullyOnline must be true or false");
            }
            String docs = cell.apply("documents");
            List<String> documents = docs == null ? List.of()
                    : Arrays.stream(docs.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            out.add(new SiteConfig.Procedure(code, nameVi, cell.apply("nameEn"), cell.apply("field"),
                    cell.apply("level"), fullyOnline, cell.apply("fee"), cell.apply("timeLimit"), documents, url,
                    cell.apply("service")));
        }
        return out;
    }
}
