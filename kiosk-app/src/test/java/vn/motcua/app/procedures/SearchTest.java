package vn.motcua.app.procedures;

import org.junit.jupiter.api.Test;
import vn.motcua.screen.Site;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchTest {
    private static Site.Procedure p(String vi, String field) {
        return new Site.Procedure(null, vi, null, field, null, true, null, null, List.of(), "https://x", "A");
    }

    private final List<Site.Procedure> catalogue = List.of(
            p("Xác minh văn bằng, chứng chỉ", "Hệ thống văn bằng, chứng chỉ"),
            p("Phúc khảo bài thi tốt nghiệp trung học phổ thông", "Thi, tuyển sinh"),
            p("Chuyển trường đối với học sinh trung học phổ thông", "Giáo dục trung học"),
            p("Kiểm định chất lượng giáo dục và cấp giấy chứng nhận đối với trường phổ thông", "Kiểm định"));

    @Test
    void foldDropsDiacriticsCaseAndPunctuation() {
        assertEquals("xac minh van bang chung chi", Search.fold("Xác minh VĂN BẰNG, chứng chỉ"));
        assertEquals("dao tao", Search.fold("ĐÀO TẠO"));
    }

    @Test
    void givenQueryWithoutDiacritics_whenFiltered_thenProcedureWithDiacriticsFound() {
        List<Site.Procedure> found = Search.filter(catalogue, "xac minh van bang", null);
        assertEquals(List.of("Xác minh văn bằng, chứng chỉ"), found.stream().map(Site.Procedure::nameVi).toList());
    }

    @Test
    void givenWordsInAnyOrderAndCase_whenFiltered_thenAllMustMatch() {
        assertEquals(2, Search.filter(catalogue, "PHO THONG trung hoc", null).size());
        assertEquals(1, Search.filter(catalogue, "dinh kiem", null).size());
        assertEquals(0, Search.filter(catalogue, "van bang phuc khao", null).size());
    }

    @Test
    void givenField_whenFiltered_thenOnlyThatField() {
        assertEquals(1, Search.filter(catalogue, "", "Thi, tuyển sinh").size());
        assertEquals(4, Search.filter(catalogue, " ", null).size());
    }
}
