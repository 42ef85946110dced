package vn.motcua.central.config;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.protocol.message.SiteConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcedureXlsxTest {
    private static final List<String> HEADER = List.of("code", "nameVi", "nameEn", "field", "level", "fullyOnline",
            "fee", "timeLimit", "documents", "portalUrl", "service");

    /** A workbook whose first sheet holds the rows as given: a String, a Number, a Boolean or a date cell. */
    static byte[] workbook(List<List<Object>> rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
            Sheet sheet = wb.createSheet("Thủ tục");
            for (int r = 0; r < rows.size(); r++) {
                List<Object> values = rows.get(r);
                if (values == null) {
                    continue;
                }
                Row row = sheet.createRow(r);
                for (int c = 0; c < values.size(); c++) {
                    Object v = values.get(c);
                    if (v instanceof String s) {
                        row.createCell(c).setCellValue(s);
                    } else if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (v instanceof Boolean b) {
                        row.createCell(c).setCellValue(b);
                    } else if (v instanceof LocalDate d) {
                        row.createCell(c).setCellValue(d);
                        row.getCell(c).setCellStyle(date);
                    }
                }
            }
            Row other = wb.createSheet("Ghi chú").createRow(0);
            other.createCell(0).setCellValue("not the catalogue");
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Object> procedure(Object code, String nameVi, String url) {
        return java.util.Arrays.asList(code, nameVi, null, null, null, null, null, null, null, url, null);
    }

    @Test
    void givenCatalogueWorkbook_whenParsed_thenCellsReadAsExcelShowsThem() {
        byte[] file = workbook(java.util.Arrays.asList(
                List.copyOf(HEADER),
                List.of("1.005090", "Xác minh văn bằng, chứng chỉ", "Verification", "Văn bằng", 3, true, "", "5 ngày",
                        "Đơn đề nghị; Bản sao văn bằng", "https://dichvucong.gov.vn/p/1.005090", "A"),
                null,
                List.of("", "   ", ""),
                List.of(101, "Cấp bản sao \"gốc\"", "", "", "", "không", 50000, LocalDate.of(2026, 3, 31), "",
                        "https://dichvucong.gov.vn/p/101", "B")));
        List<SiteConfig.Procedure> p = ProcedureXlsx.parse(file);
        assertEquals(2, p.size(), "blank rows skipped, the second sheet not read");
        assertEquals("1.005090", p.get(0).code());
        assertEquals("Xác minh văn bằng, chứng chỉ", p.get(0).nameVi());
        assertEquals("3", p.get(0).level());
        assertTrue(p.get(0).fullyOnline(), "a TRUE cell is true");
        assertEquals(List.of("Đơn đề nghị", "Bản sao văn bằng"), p.get(0).documents());
        assertNull(p.get(0).fee());
        assertEquals("101", p.get(1).code(), "a code typed as a number stays a whole number");
        assertEquals("Cấp bản sao \"gốc\"", p.get(1).nameVi());
        assertFalse(p.get(1).fullyOnline());
        assertEquals("50000", p.get(1).fee());
        assertEquals("2026-03-31", p.get(1).timeLimit(), "a date cell is an ISO date whatever its format");
        assertEquals("B", p.get(1).service());
    }

    @Test
    void givenWorkbookFromAStreamingWriter_whenParsed_thenRead() throws IOException {
        // entries whose sizes follow their data, as streaming writers (and this service's own export) produce
        byte[] file;
        try (org.apache.poi.xssf.streaming.SXSSFWorkbook wb = new org.apache.poi.xssf.streaming.SXSSFWorkbook();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Danh mục");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("nameVi");
            header.createCell(1).setCellValue("portalUrl");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("Công nhận tốt nghiệp");
            row.createCell(1).setCellValue("https://dichvucong.gov.vn/p/7");
            wb.write(out);
            wb.dispose();
            file = out.toByteArray();
        }
        assertEquals("Công nhận tốt nghiệp", ProcedureUpload.parse(file).get(0).nameVi());
    }

    @Test
    void givenColumnsInAnotherOrderAndHeaderBelowBlankRows_whenParsed_thenFoundByName() {
        byte[] file = workbook(java.util.Arrays.asList(null, null,
                List.of("portalUrl", "nameVi"),
                List.of("https://dichvucong.gov.vn/p/9", "Thủ tục chín")));
        List<SiteConfig.Procedure> p = ProcedureXlsx.parse(file);
        assertEquals(1, p.size());
        assertEquals("Thủ tục chín", p.get(0).nameVi());
        assertEquals("https://dichvucong.gov.vn/p/9", p.get(0).portalUrl());
    }

    @Test
    void givenHeaderWithoutPortalUrl_whenParsed_then400NamingSheetRowAndColumn() {
        BadParameterException e = assertThrows(BadParameterException.class, () -> ProcedureXlsx.parse(workbook(
                List.of(List.of("code", "nameVi", "link"), List.of("1", "A", "https://x")))));
        assertEquals("xlsx", e.parameter());
        assertEquals("sheet Thủ tục, row 1: the header has no column portalUrl (columns: "
                + String.join(",", HEADER) + ")", e.getMessage());
    }

    @Test
    void givenRowWithoutNameVi_whenParsed_then400NamingRowAndCell() {
        BadParameterException e = assertThrows(BadParameterException.class, () -> ProcedureXlsx.parse(workbook(
                List.of(List.copyOf(HEADER), procedure("1", "Một", "https://dichvucong.gov.vn/p/1"),
                        procedure("2", "  ", "https://dichvucong.gov.vn/p/2")))));
        assertEquals("sheet Thủ tục, row 3, cell B3: nameVi is empty", e.getMessage());
        e = assertThrows(BadParameterException.class, () -> ProcedureXlsx.parse(workbook(
                List.of(List.copyOf(HEADER), procedure("1", "Một", "dichvucong.gov.vn/p/1")))));
        assertEquals("sheet Thủ tục, row 2, cell J2: portalUrl must be an http(s) link", e.getMessage());
    }

    @Test
    void givenDuplicateCodes_whenParsed_then400NamingBothRows() {
        BadParameterException e = assertThrows(BadParameterException.class, () -> ProcedureXlsx.parse(workbook(
                List.of(List.copyOf(HEADER), procedure(101, "Một", "https://dichvucong.gov.vn/p/1"),
                        procedure("2", "Hai", "https://dichvucong.gov.vn/p/2"),
                        procedure("101", "Một lần nữa", "https://dichvucong.gov.vn/p/3")))));
        assertEquals("sheet Thủ tục, row 4, cell A4: code 101 is already on sheet Thủ tục, row 2", e.getMessage());
    }

    @Test
    void givenMoreRowsThanAllowed_whenParsed_thenRefused() {
        List<List<Object>> rows = new java.util.ArrayList<>();
        rows.add(List.copyOf(HEADER));
        for (int i = 0; i <= ProcedureRows.MAX_ROWS; i++) {
            rows.add(procedure("c" + i, "Thủ tục " + i, "https://dichvucong.gov.vn/p/" + i));
        }
        BadParameterException e = assertThrows(BadParameterException.class,
                () -> ProcedureXlsx.parse(workbook(rows)));
        assertEquals("at most " + ProcedureRows.MAX_ROWS + " procedures", e.getMessage());
    }

    @Test
    void givenFilesThatAreNotXlsx_whenParsed_thenRefusedSayingWhatToSave() throws IOException {
        BadParameterException e = assertThrows(BadParameterException.class,
                () -> ProcedureXlsx.parse("code,nameVi\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("is not an Excel workbook (.xlsx)"), e.getMessage());

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("notes.txt"));
            z.write("a ZIP, but no workbook".getBytes(StandardCharsets.UTF_8));
        }
        e = assertThrows(BadParameterException.class, () -> ProcedureXlsx.parse(zip.toByteArray()));
        assertTrue(e.getMessage().startsWith("is not an Excel workbook (.xlsx)"), e.getMessage());

        byte[] xls = new byte[512];
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(ole2, 0, xls, 0, ole2.length);
        e = assertThrows(BadParameterException.class, () -> ProcedureXlsx.parse(xls));
        assertTrue(e.getMessage().contains("(.xls)"), e.getMessage());

        byte[] good = workbook(List.of(List.copyOf(HEADER), procedure("1", "Một", "https://dichvucong.gov.vn/p/1")));
        e = assertThrows(BadParameterException.class,
                () -> ProcedureXlsx.parse(java.util.Arrays.copyOf(good, good.length / 2)));
        assertTrue(e.getMessage().startsWith("is not an Excel workbook (.xlsx)"), "a cut-off file: " + e.getMessage());
    }

    @Test
    void givenWorkbookThatUnpacksHuge_whenParsed_thenRefusedBeforeParsing() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (long n = 0; n <= ProcedureXlsx.MAX_UNPACKED_BYTES / zeros.length; n++) {
                z.write(zeros);
            }
        }
        assertTrue(zip.size() < ProcedureUpload.MAX_BYTES, "small enough to upload");
        BadParameterException e = assertThrows(BadParameterException.class,
                () -> ProcedureUpload.parse(zip.toByteArray()));
        assertTrue(e.getMessage().startsWith("unpacks to more than 64 MB"), e.getMessage());
    }

    @Test
    void givenUploadedBytes_whenParsed_thenCsvOrXlsxToldByContentNotName() {
        byte[] xlsx = workbook(List.of(List.copyOf(HEADER), procedure("1", "Một", "https://dichvucong.gov.vn/p/1")));
        assertEquals("Một", ProcedureUpload.parse(xlsx).get(0).nameVi());
        byte[] csv = "nameVi,portalUrl\r\nHai,https://dichvucong.gov.vn/p/2\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("Hai", ProcedureUpload.parse(csv).get(0).nameVi());

        byte[] legacy = "nameVi,portalUrl\nXác minh,https://x\n".getBytes(Charset.forName("windows-1258"));
        BadParameterException e = assertThrows(BadParameterException.class, () -> ProcedureUpload.parse(legacy));
        assertEquals("file", e.parameter());
        assertTrue(e.getMessage().contains("CSV UTF-8"), e.getMessage());
        e = assertThrows(BadParameterException.class, () -> ProcedureUpload.parse(new byte[0]));
        assertEquals("is empty", e.getMessage());
    }
}
