package vn.motcua.central.config;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.protocol.message.SiteConfig;

import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The procedure catalogue from the first sheet of an Excel workbook (.xlsx), with the same columns and checks as
 * the CSV ({@link ProcedureRows}). Cells are read as Excel shows them: a code typed as the number 101 is "101", a
 * date is 2026-03-31. The sheet is read as a stream of rows, and a workbook that unpacks to more than
 * {@link #MAX_UNPACKED_BYTES} is refused before it is parsed.
 */
public final class ProcedureXlsx {
    static final long MAX_UNPACKED_BYTES = 64L * 1024 * 1024;
    private static final String PARAMETER = "xlsx";

    private ProcedureXlsx() {
    }

    /** An .xlsx is a ZIP file: it starts with a local file header. */
    static boolean looksLikeXlsx(byte[] file) {
        return file.length >= 4 && file[0] == 'P' && file[1] == 'K' && file[2] == 3 && file[3] == 4;
    }

    /** An old .xls workbook, or an .xlsx saved with a password, is an OLE2 compound file. */
    static boolean looksLikeOle2(byte[] file) {
        return file.length >= 8 && (file[0] & 0xFF) == 0xD0 && (file[1] & 0xFF) == 0xCF && (file[2] & 0xFF) == 0x11
                && (file[3] & 0xFF) == 0xE0 && (file[4] & 0xFF) == 0xA1 && (file[5] & 0xFF) == 0xB1
                && (file[6] & 0xFF) == 0x1A && (file[7] & 0xFF) == 0xE1;
    }

    public static List<SiteConfig.Procedure> parse(byte[] file) {
        if (looksLikeOle2(file)) {
            throw new BadParameterException(PARAMETER, "is an old Excel 97-2003 (.xls) workbook or one saved with a "
                    + "password: save it as Excel Workbook (.xlsx) without a password, or as CSV UTF-8");
        }
        if (!looksLikeXlsx(file)) {
            throw notXlsx("it is not a ZIP package");
        }
        checkUnpackedSize(file);
        List<ProcedureRows.Row> rows = new ArrayList<>();
        String sheetName;
        try {
            OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(file));
            try {
                XSSFReader reader = new XSSFReader(pkg);
                XSSFReader.SheetIterator sheets = reader.getSheetIterator();
                if (!sheets.hasNext()) {
                    throw new BadParameterException(PARAMETER, "the workbook has no sheet");
                }
                try (InputStream sheet = sheets.next()) {
                    sheetName = sheets.getSheetName();
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null,
                            new ReadOnlySharedStringsTable(pkg), new Collector(rows, sheetName), new IsoDates(),
                            false));
                    xml.parse(new InputSource(sheet));
                }
            } finally {
                pkg.revert();
            }
        } catch (TooManyRows e) {
            throw ProcedureRows.tooMany(PARAMETER);
        } catch (Refused e) {
            throw ProcedureRows.beyondLastColumn(PARAMETER, "sheet " + e.sheet + ", " + e.place);
        } catch (TooManyBlank e) {
            throw ProcedureRows.tooManyBlank(PARAMETER, "sheet " + e.sheet + ", row " + e.row);
        } catch (OpenXML4JException | POIXMLException | IllegalArgumentException e) {
            throw notXlsx(e.getMessage());
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw notXlsx(e.getMessage());
        }
        String sheet = sheetName;
        return ProcedureRows.procedures(PARAMETER, new ProcedureRows.Places() {
            @Override
            public String row(int number) {
                return "sheet " + sheet + ", row " + number;
            }

            @Override
            public String cell(int rowNumber, int column) {
                return "sheet " + sheet + ", row " + rowNumber + ", cell "
                        + CellReference.convertNumToColString(column) + rowNumber;
            }
        }, rows);
    }

    /** POI wraps one exception in another with the inner one's class name as message; the user needs the text. */
    private static final java.util.regex.Pattern CLASS_NAME =
            java.util.regex.Pattern.compile("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*)?");

    private static BadParameterException notXlsx(String reason) {
        String why = reason == null ? null : CLASS_NAME.matcher(reason).replaceAll("").strip();
        return new BadParameterException(PARAMETER, "is not an Excel workbook (.xlsx)"
                + (why == null || why.isBlank() ? "" : ": " + why) + "; save it as Excel Workbook (.xlsx) or CSV UTF-8");
    }

    /** Counts what the ZIP entries unpack to, stopping at the limit, so a ZIP bomb never reaches the parser. */
    private static void checkUnpackedSize(byte[] file) {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        // read as POI reads an uploaded package: leniently, as Excel does (java.util.zip refuses entries whose
        // sizes follow their data, which streaming writers produce)
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(file), "UTF-8", true,
                true)) {
            ZipArchiveEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    total += n;
                    if (total > MAX_UNPACKED_BYTES) {
                        throw new BadParameterException(PARAMETER, "unpacks to more than "
                                + MAX_UNPACKED_BYTES / (1024 * 1024) + " MB (at entry " + entry.getName()
                                + "): keep only the procedure catalogue in the workbook");
                    }
                }
            }
        } catch (IOException e) {
            throw notXlsx("the ZIP package is damaged (" + e.getMessage() + ")");
        }
    }

    private static final class TooManyRows extends RuntimeException {
        TooManyRows() {
            super(null, null, false, false);
        }
    }

    /** A value beyond the columns read; {@code place} names its row and cell. */
    private static final class Refused extends RuntimeException {
        final String sheet;
        final String place;

        Refused(String sheet, String place) {
            super(null, null, false, false);
            this.sheet = sheet;
            this.place = place;
        }
    }

    private static final class TooManyBlank extends RuntimeException {
        final String sheet;
        final int row;

        TooManyBlank(String sheet, int row) {
            super(null, null, false, false);
            this.sheet = sheet;
            this.row = row;
        }
    }

    /**
     * Collects the sheet's non-blank rows with their numbers as Excel shows them (1-based). Only the first
     * {@link ProcedureRows#MAX_COLUMNS} cells of a row are kept, so a cell far to the right costs one cell, not the
     * empty ones before it; blank rows are counted, not kept.
     */
    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final List<ProcedureRows.Row> rows;
        private final String sheet;
        private List<String> cells;
        private int rowNumber;
        private int nextColumn;
        private int blankRows;

        Collector(List<ProcedureRows.Row> rows, String sheet) {
            this.rows = rows;
            this.sheet = sheet;
        }

        @Override
        public void startRow(int rowNum) {
            rowNumber = rowNum + 1;
            cells = new ArrayList<>();
            nextColumn = 0;
        }

        @Override
        public void endRow(int rowNum) {
            ProcedureRows.Row row = new ProcedureRows.Row(rowNumber, cells);
            // blank rows are skipped anyway; each kept row carries its own number for errors
            if (row.blank()) {
                if (++blankRows > ProcedureRows.MAX_BLANK_ROWS) {
                    throw new TooManyBlank(sheet, rowNumber);
                }
                return;
            }
            rows.add(row);
            if (rows.size() > ProcedureRows.MAX_ROWS + 1) {
                throw new TooManyRows();
            }
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            nextColumn = column + 1;
            if (column < 0 || column >= ProcedureRows.MAX_COLUMNS) {
                if (formattedValue != null && !formattedValue.isBlank()) {
                    throw new Refused(sheet, "row " + rowNumber + ", cell "
                            + (reference == null ? "#" + (column + 1) : reference));
                }
                return;
            }
            String value = formattedValue == null ? "" : formattedValue;
            if (column < cells.size()) {
                cells.set(column, value); // a cell named twice: the row still has one per column
                return;
            }
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(value);
        }
    }

    /** Numbers as Excel's format shows them, but dates as ISO dates, whatever the sheet's date format. */
    private static final class IsoDates extends DataFormatter {
        IsoDates() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value, use1904);
                if (value < 1) {
                    return t.toLocalTime().toString();
                }
                return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString()
                        : t.toLocalDate() + " " + t.toLocalTime();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }
}
