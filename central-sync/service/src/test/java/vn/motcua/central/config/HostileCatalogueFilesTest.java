package vn.motcua.central.config;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.api.BadParameterException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Catalogue files built to exhaust central's memory: a small workbook whose rows each hold one cell at the last
 * column Excel has, and 8 MB of empty CSV lines. Each is refused with a message naming where, and the refusal is
 * reached in a JVM with a 64 MB heap, where building what the file describes would not fit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCatalogueFilesTest {
    private static final int LAST_EXCEL_COLUMN = 16_383; // XFD
    private static final List<String> HEADER = ProcedureRows.COLUMNS;
    /** About 30 KB: 5,000 rows of one cell each at column XFD, below the header. */
    private byte[] farRightWorkbook;

    @BeforeAll
    void build() throws IOException {
        farRightWorkbook = farRightWorkbook(5000);
    }

    /** Written with POI's streaming writer: the header, then rows with one cell at column XFD and nothing else. */
    static byte[] farRightWorkbook(int rows) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Thủ tục");
            Row header = sheet.createRow(0);
            for (int c = 0; c < HEADER.size(); c++) {
                header.createCell(c).setCellValue(HEADER.get(c));
            }
            for (int r = 1; r <= rows; r++) {
                sheet.createRow(r).createCell(LAST_EXCEL_COLUMN).setCellValue("x");
            }
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        }
    }

    static byte[] emptyLines() {
        byte[] file = new byte[ProcedureUpload.MAX_BYTES];
        Arrays.fill(file, (byte) '\n');
        return file;
    }

    @Test
    void givenWorkbookWithACellAtTheLastColumnOfEveryRow_whenUploaded_thenRefusedNamingTheCell() throws IOException {
        byte[] file = farRightWorkbook;
        assertTrue(file.length < 64 * 1024, "a small file: " + file.length + " bytes");
        BadParameterException e = assertThrows(BadParameterException.class, () -> ProcedureUpload.parse(file));
        assertEquals("xlsx", e.parameter());
        assertTrue(e.getMessage().startsWith("sheet Thủ tục, row 2, cell XFD2: a value beyond column 64"),
                e.getMessage());
    }

    @Test
    void givenEmptyCellsFarRight_whenUploaded_thenIgnoredAndTheCatalogueRead() throws IOException {
        byte[] file;
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Thủ tục");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("nameVi");
            header.createCell(1).setCellValue("portalUrl");
            header.createCell(LAST_EXCEL_COLUMN).setCellValue("");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("Cấp bản sao văn bằng");
            row.createCell(1).setCellValue("https://dichvucong.gov.vn/p/2");
            row.createCell(LAST_EXCEL_COLUMN).setCellValue(" ");
            wb.write(out);
            wb.dispose();
            file = out.toByteArray();
        }
        assertEquals("Cấp bản sao văn bằng", ProcedureUpload.parse(file).get(0).nameVi());
    }

    @Test
    void givenEightMegabytesOfEmptyLines_whenUploaded_thenRefusedNamingTheLine() {
        BadParameterException e = assertThrows(BadParameterException.class, () -> ProcedureUpload.parse(emptyLines()));
        assertEquals("csv", e.parameter());
        assertEquals("line " + (ProcedureRows.MAX_BLANK_ROWS + 1) + ": more than " + ProcedureRows.MAX_BLANK_ROWS
                + " blank rows; delete the empty rows (at the end of the sheet, usually) and save the file again",
                e.getMessage());
    }

    @Test
    void givenCsvRowWithAValueFarRight_whenUploaded_thenRefusedNamingLineAndCell() {
        String csv = "nameVi,portalUrl\nMột,https://dichvucong.gov.vn/p/1" + ",".repeat(100) + "x\n";
        BadParameterException e = assertThrows(BadParameterException.class,
                () -> ProcedureUpload.parse(csv.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("line 2, cell 102: a value beyond column 64"), e.getMessage());
        // the empty cells an export adds to every row are no value
        String padded = "nameVi,portalUrl" + ",".repeat(5000) + "\nMột,https://dichvucong.gov.vn/p/1"
                + ",".repeat(5000) + "\n" + ",".repeat(5000) + "\n";
        assertEquals(1, ProcedureUpload.parse(padded.getBytes(StandardCharsets.UTF_8)).size());
    }

    @Test
    void givenTheHostileFiles_whenParsedWithA64MegabyteHeap_thenRefusedWithoutRunningOutOfMemory() throws Exception {
        Path dir = Files.createTempDirectory("hostile-catalogues");
        Path xlsx = Files.write(dir.resolve("far-right.xlsx"), farRightWorkbook);
        Path csv = Files.write(dir.resolve("empty-lines.csv"), emptyLines());
        Path commas = dir.resolve("commas.csv");
        byte[] oneRowOfCommas = new byte[ProcedureUpload.MAX_BYTES];
        Arrays.fill(oneRowOfCommas, (byte) ',');
        Files.write(commas, oneRowOfCommas);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                ParseUnderSmallHeap.class.getName(), xlsx.toString(), csv.toString(), commas.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), output);
        List<String> lines = output.lines().filter(l -> l.startsWith("refused") || l.startsWith("parsed")).toList();
        assertEquals(3, lines.size(), output);
        assertTrue(lines.get(0).startsWith("refused xlsx: sheet Thủ tục, row 2, cell XFD2"), lines.get(0));
        assertTrue(lines.get(1).startsWith("refused csv: line 100001: more than 100000 blank rows"), lines.get(1));
        assertEquals("refused csv: is empty", lines.get(2));
    }
}
