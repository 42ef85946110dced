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
    private static final String PARAMETER = "csv";
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
        return ProcedureRows.procedures(PARAMETER, LINES, rows(csv.startsWith("\uFEFF") ? csv.substring(1) : csv));
    }

    /**
     * The non-blank rows, each numbered by the line it starts on. Blank rows are counted, not kept; cells past
     * {@link ProcedureRows#MAX_COLUMNS} are not kept either (and refused when they hold a value), and reading stops
     * once there are more rows than a catalogue may have: what the file holds never decides how much is built.
     */
    static List<ProcedureRows.Row> rows(String text) {
        List<ProcedureRows.Row> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean rowHasValue = false;
        int cellsInRow = 0;
        int line = 1;
        int rowLine = 1;
        int blankRows = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',' || c == '\n' || c == '\r') {
                rowHasValue |= endCell(row, cell, ++cellsInRow, rowLine);
                if (c != ',') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    blankRows = endRow(rows, row, rowHasValue, rowLine, blankRows);
                    row = new ArrayList<>();
                    rowHasValue = false;
                    cellsInRow = 0;
                    line++;
                    rowLine = line;
                }
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new BadParameterException(PARAMETER, "line " + rowLine + ": a quoted cell is not closed");
        }
        if (cell.length() > 0 || cellsInRow > 0) {
            rowHasValue |= endCell(row, cell, ++cellsInRow, rowLine);
            endRow(rows, row, rowHasValue, rowLine, blankRows);
        }
        return rows;
    }

    /** Keeps the cell if it is within the columns read; returns whether it holds a value. */
    private static boolean endCell(List<String> row, StringBuilder cell, int number, int line) {
        String text = cell.toString();
        boolean value = !text.isBlank();
        if (number <= ProcedureRows.MAX_COLUMNS) {
            row.add(text);
        } else if (value) {
            throw ProcedureRows.beyondLastColumn(PARAMETER, "line " + line + ", cell " + number);
        }
        cell.setLength(0);
        return value;
    }

    /** Keeps a row with a value; returns the blank rows counted so far. */
    private static int endRow(List<ProcedureRows.Row> rows, List<String> row, boolean hasValue, int line,
                              int blankRows) {
        if (!hasValue) {
            if (blankRows + 1 > ProcedureRows.MAX_BLANK_ROWS) {
                throw ProcedureRows.tooManyBlank(PARAMETER, "line " + line);
            }
            return blankRows + 1;
        }
        rows.add(new ProcedureRows.Row(line, row));
        if (rows.size() > ProcedureRows.MAX_ROWS + 1) {
            throw ProcedureRows.tooMany(PARAMETER);
        }
        return blankRows;
    }
}
