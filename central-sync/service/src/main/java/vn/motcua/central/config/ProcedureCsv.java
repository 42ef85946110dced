package vn.motcua.central.config;

import vn.motcua.central.api.BadParameterException;
import vn.motcua.protocol.message.SiteConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The procedure catalogue from CSV (RFC 4180: quoted cells may hold commas, quotes and line breaks). The first row
 * names the columns; the rows are checked by {@link ProcedureRows}. An error names the line and the column.
 */
public final class ProcedureCsv {
    private static final ProcedureRows.Places LINES = new ProcedureRows.Places() {
        @Override
        public String row(int number) {
            return "line " + number;
        }

        @Override
        public String cell(int rowNumber, int column) {
            return "line " + rowNumber;
        }
    };

    private ProcedureCsv() {
    }

    public static List<SiteConfig.Procedure> parse(String csv) {
        List<List<String>> cells = rows(csv.startsWith("\uFEFF") ? csv.substring(1) : csv);
        List<ProcedureRows.Row> rows = new ArrayList<>();
        for (int r = 0; r < cells.size(); r++) {
            rows.add(new ProcedureRows.Row(r + 1, cells.get(r)));
        }
        return ProcedureRows.procedures("csv", LINES, rows);
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
