package vn.motcua.central.config;

import org.junit.jupiter.api.Test;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.protocol.message.SiteConfig;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcedureCsvTest {
    static final String CSV = "\uFEFFcode,nameVi,nameEn,field,level,fullyOnline,fee,timeLimit,documents,portalUrl,service\r\n"
            + "1.005090,\"Xác minh văn bằng, chứng chỉ\",Verification,Văn bằng,3,true,,5 ngày,"
            + "\"Đơn đề nghị; Bản sao văn bằng\",https://dichvucong.gov.vn/p/1.005090,A\r\n"
            + ",\"Cấp bản sao \"\"gốc\"\"\",,,,không,50.000 đồng,,,https://dichvucong.gov.vn/p/2,B\r\n";

    @Test
    void givenCatalogueCsv_whenParsed_thenQuotedCommasQuotesAndDocumentsKept() {
        List<SiteConfig.Procedure> p = ProcedureCsv.parse(CSV);
        assertEquals(2, p.size());
        assertEquals("Xác minh văn bằng, chứng chỉ", p.get(0).nameVi());
        assertEquals(List.of("Đơn đề nghị", "Bản sao văn bằng"), p.get(0).documents());
        assertTrue(p.get(0).fullyOnline());
        assertEquals("Cấp bản sao \"gốc\"", p.get(1).nameVi());
        assertNull(p.get(1).code());
        assertEquals("50.000 đồng", p.get(1).fee());
        assertEquals("B", p.get(1).service());
    }

    @Test
    void givenBadRows_whenParsed_then400NamingLineAndColumn() {
        BadParameterException e = assertThrows(BadParameterException.class, () -> ProcedureCsv.parse(
                "nameVi,portalUrl\nA,ftp://x\n"));
        assertEquals("csv", e.parameter());
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("portalUrl"), e.getMessage());
        e = assertThrows(BadParameterException.class, () -> ProcedureCsv.parse("nameVi\nA\n"));
        assertTrue(e.getMessage().contains("portalUrl"), e.getMessage());
        e = assertThrows(BadParameterException.class, () -> ProcedureCsv.parse(
                "nameVi,portalUrl\n\"open,https://x\n"));
        assertTrue(e.getMessage().contains("not closed"), e.getMessage());
    }

    @Test
    void givenDuplicateCode_whenParsed_then400NamingBothLines() {
        BadParameterException e = assertThrows(BadParameterException.class, () -> ProcedureCsv.parse(
                "code,nameVi,portalUrl\n1.1,A,https://x/1\n\n1.2,B,https://x/2\n1.1,C,https://x/3\n"));
        assertEquals("line 5: code 1.1 is already on line 2", e.getMessage());
    }
}
