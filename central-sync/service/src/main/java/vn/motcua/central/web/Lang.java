package vn.motcua.central.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;

import java.util.Map;

/** The two languages of the pages: Vietnamese by default, English by the {@code lang=en} cookie. */
public enum Lang {
    VI, EN;

    public static final String COOKIE = "lang";

    public static Lang of(HttpRequest<?> request) {
        String q = request.getParameters().get("lang");
        if (q != null) {
            return "en".equals(q) ? EN : VI;
        }
        try {
            return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter("en"::equals)
                    .map(v -> EN).orElse(VI);
        } catch (UnsupportedOperationException e) {
            return VI; // a request built in code, not received, has no cookies to read
        }
    }

    public String code() {
        return this == EN ? "en" : "vi";
    }

    /** The text of {@code key}; the key itself when it has none, which a page test notices. */
    public String t(String key) {
        String[] pair = TEXT.get(key);
        return pair == null ? key : pair[this == EN ? 1 : 0];
    }

    /** A low rating's preset reasons ({@code long_wait, attitude}) in words; an unknown code stays as it came. */
    public String reasons(String codes) {
        if (codes == null || codes.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String code : codes.split(",")) {
            String c = code.strip();
            if (c.isEmpty()) {
                continue;
            }
            String[] pair = TEXT.get("reason." + c);
            out.append(out.length() == 0 ? "" : "; ").append(pair == null ? c : pair[this == EN ? 1 : 0]);
        }
        return out.toString();
    }

    private static final Map<String, String[]> TEXT = Map.ofEntries(
            Map.entry("rule.prefixFormat", new String[]{"Chữ cái của dịch vụ phải là một chữ in hoa A-Z, không phải '%s'",
                    "must be one capital letter A-Z, not '%s'"}),
            Map.entry("rule.prefixTwice", new String[]{"Chữ cái '%s' đã dùng cho một dịch vụ khác",
                    "'%s' is already the prefix of another service"}),
            Map.entry("rule.counterTwice", new String[]{"Mã quầy '%s' đã dùng cho một quầy khác",
                    "'%s' is already the id of another counter"}),
            Map.entry("rule.unknownService", new String[]{"Không có dịch vụ nào có chữ cái '%s'",
                    "'%s' is not the prefix of any service"}),
            Map.entry("rule.officerTwice", new String[]{"Mã cán bộ '%s' đã dùng cho một cán bộ khác",
                    "'%s' is already the id of another officer"}),
            Map.entry("rule.versionJump", new String[]{"Số phiên bản của bản nháp (%d) lớn hơn phiên bản mới nhất "
                    + "quá %d (mới nhất: %d). Máy chủ tự đánh số phiên bản khi phát hành: hãy giữ nguyên số phiên bản.",
                    "version %d is more than %d above the latest published version (%d); central numbers versions "
                    + "itself when it publishes: keep the draft's version"}),
            Map.entry("rule.versionExhausted", new String[]{"Phiên bản mới nhất của điểm này (%d) đã đến giới hạn đánh "
                    + "số; không thể phát hành phiên bản mới hơn.",
                    "the site's latest version (%d) is at the end of the numbering; no newer version can be published"}),
            Map.entry("rule.notJson", new String[]{"Cấu hình không phải JSON hợp lệ.",
                    "the configuration is not valid JSON"}),
            Map.entry("rule.configTooLarge", new String[]{"Cấu hình dài %d KB, vượt giới hạn %d KB: hãy bớt thủ tục "
                    + "hoặc rút ngắn nội dung.",
                    "the configuration is %d KB, more than the limit of %d KB: remove procedures or shorten texts"}),
            Map.entry("err.tooLarge", new String[]{"Nội dung gửi lên vượt giới hạn %d KB.",
                    "The request body is larger than %d KB."}),
            Map.entry("q.date", new String[]{"%s phải là một ngày dạng 2026-03-31, từ năm 1970 đến năm 9999.",
                    "%s must be a date like 2026-03-31, from 1970 to 9999."}),
            Map.entry("q.toBeforeFrom", new String[]{"Đến ngày không được trước Từ ngày.",
                    "To must not be before From."}),
            Map.entry("q.atMost3Years", new String[]{"Một báo cáo chỉ gồm tối đa 3 năm.",
                    "A report covers at most 3 years."}),
            Map.entry("q.period", new String[]{"Kỳ phải là ngày, tuần hoặc tháng (day, week, month).",
                    "Period must be one of day, week, month."}),
            Map.entry("q.groupBy", new String[]{"Theo phải là một trong: site, counter, officer, procedure.",
                    "Group by must be one of site, counter, officer, procedure."}),
            Map.entry("q.tooLong", new String[]{"%s dài quá %d ký tự.", "%s is longer than %d characters."}),
            Map.entry("err.title", new String[]{"Lỗi", "Error"}),
            Map.entry("err.400", new String[]{"Yêu cầu chưa hợp lệ: không đọc được nội dung hoặc một tham số.",
                    "Bad request: the body or a parameter could not be read."}),
            Map.entry("err.401", new String[]{"Cần đăng nhập trước.", "Sign in first."}),
            Map.entry("err.403", new String[]{"Bạn không có quyền làm việc này.", "You may not do this."}),
            Map.entry("err.404", new String[]{"Không tìm thấy trang hoặc địa chỉ này.", "There is nothing here."}),
            Map.entry("err.405", new String[]{"Địa chỉ này không nhận phương thức đó.",
                    "This address does not take that method."}),
            Map.entry("err.406", new String[]{"Không có dạng trả lời phù hợp với yêu cầu.",
                    "No form of answer fits the request's Accept header."}),
            Map.entry("err.411", new String[]{"Yêu cầu phải ghi rõ độ dài nội dung (Content-Length).",
                    "The request must state its length (Content-Length)."}),
            Map.entry("err.413", new String[]{"Nội dung gửi lên quá lớn.", "The request body is too large."}),
            Map.entry("err.415", new String[]{"Địa chỉ này không nhận kiểu nội dung đó.",
                    "This address does not take that content type."}),
            Map.entry("err.4xx", new String[]{"Yêu cầu không được chấp nhận.", "The request was refused."}),
            Map.entry("err.5xx", new String[]{"Máy chủ gặp lỗi khi xử lý yêu cầu; chi tiết đã được ghi vào nhật ký.",
                    "Central could not answer this request; the details are in its log."}),
            Map.entry("err.badRequest", new String[]{"Yêu cầu chưa hợp lệ", "Bad request"}),
            Map.entry("err.parameter", new String[]{"Tham số", "Parameter"}),
            Map.entry("err.back", new String[]{"Quay lại", "Go back"}),
            Map.entry("reason.long_wait", new String[]{"Chờ lâu", "Long wait"}),
            Map.entry("reason.unclear_guidance", new String[]{"Hướng dẫn chưa rõ", "Unclear guidance"}),
            Map.entry("reason.attitude", new String[]{"Thái độ phục vụ chưa tốt", "Unfriendly attitude"}),
            Map.entry("reason.many_visits", new String[]{"Phải đi lại nhiều lần", "Had to come back several times"}),
            Map.entry("reason.complex_procedure", new String[]{"Thủ tục phức tạp", "Complicated procedure"}),
            Map.entry("reason.other", new String[]{"Lý do khác", "Something else"}),
            Map.entry("app", new String[]{"Bộ phận Một cửa — Trung tâm", "One-stop desk — Central"}),
            Map.entry("signIn", new String[]{"Đăng nhập", "Sign in"}),
            Map.entry("signOut", new String[]{"Đăng xuất", "Sign out"}),
            Map.entry("username", new String[]{"Tên đăng nhập", "User name"}),
            Map.entry("password", new String[]{"Mật khẩu", "Password"}),
            Map.entry("badCredentials", new String[]{"Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."}),
            Map.entry("usernameTooLong", new String[]{"Tên đăng nhập dài quá %d ký tự.",
                    "The user name is longer than %d characters."}),
            Map.entry("passwordTooLong", new String[]{"Mật khẩu dài quá %d ký tự.",
                    "The password is longer than %d characters."}),
            Map.entry("throttled", new String[]{"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %d giây.",
                    "Too many failed sign-ins. Try again in %d seconds."}),
            Map.entry("fleet", new String[]{"Thiết bị", "Fleet"}),
            Map.entry("alerts", new String[]{"Cảnh báo", "Alerts"}),
            Map.entry("users", new String[]{"Người dùng", "Users"}),
            Map.entry("kiosk", new String[]{"Ki-ốt", "Kiosk"}),
            Map.entry("site", new String[]{"Điểm", "Site"}),
            Map.entry("state", new String[]{"Trạng thái", "State"}),
            Map.entry("online", new String[]{"Trực tuyến", "Online"}),
            Map.entry("offline", new String[]{"Mất kết nối", "Offline"}),
            Map.entry("lastSeen", new String[]{"Lần cuối", "Last seen"}),
            Map.entry("version", new String[]{"Phiên bản", "Version"}),
            Map.entry("config", new String[]{"Cấu hình", "Config"}),
            Map.entry("printer", new String[]{"Máy in", "Printer"}),
            Map.entry("disk", new String[]{"Ổ đĩa", "Disk"}),
            Map.entry("temperature", new String[]{"Nhiệt độ", "Temperature"}),
            Map.entry("backlog", new String[]{"Tồn đọng", "Backlog"}),
            Map.entry("lastAck", new String[]{"Xác nhận cuối", "Last ack"}),
            Map.entry("noKiosks", new String[]{"Chưa có ki-ốt nào kết nối.", "No kiosk has connected yet."}),
            Map.entry("noAlerts", new String[]{"Không có cảnh báo.", "No alerts."}),
            Map.entry("kind", new String[]{"Loại", "Kind"}),
            Map.entry("raisedAt", new String[]{"Phát sinh", "Raised"}),
            Map.entry("acknowledged", new String[]{"Đã xác nhận", "Acknowledged"}),
            Map.entry("cleared", new String[]{"Đã hết", "Cleared"}),
            Map.entry("acknowledge", new String[]{"Xác nhận", "Acknowledge"}),
            Map.entry("alert.offline", new String[]{"Mất kết nối", "Offline"}),
            Map.entry("alert.paper_out", new String[]{"Hết giấy", "Out of paper"}),
            Map.entry("alert.backlog", new String[]{"Tồn đọng tăng", "Backlog growing"}),
            Map.entry("alert.disk", new String[]{"Ổ đĩa gần đầy", "Disk almost full"}),
            Map.entry("alert.temperature", new String[]{"Nhiệt độ cao", "High temperature"}),
            Map.entry("alert.seq_conflict", new String[]{"Trùng số thứ tự sự kiện", "Event numbers reused"}),
            Map.entry("kioskAtSeveralSites", new String[]{"Nhiều điểm có ki-ốt mang mã này; chọn điểm:",
                    "Several sites have a kiosk with this id; choose the site:"}),
            Map.entry("quarantine", new String[]{"Sự kiện bị cơ sở dữ liệu từ chối", "Events the database refused"}),
            Map.entry("quarantineHelp", new String[]{"Các sự kiện này được giữ nguyên vẹn, không mất; những sự kiện "
                    + "khác vẫn được lưu. Nhận lại: thử lưu lại sự kiện.", "These events are kept whole, not lost; the "
                    + "others are stored. Re-admit tries to store one again."}),
            Map.entry("quarantinedAt", new String[]{"Thời điểm giữ lại", "Kept since"}),
            Map.entry("eventType", new String[]{"Loại sự kiện", "Event type"}),
            Map.entry("reason", new String[]{"Lý do", "Reason"}),
            Map.entry("readmit", new String[]{"Nhận lại", "Re-admit"}),
            Map.entry("commands", new String[]{"Lệnh điều khiển", "Remote commands"}),
            Map.entry("send", new String[]{"Gửi lệnh", "Send"}),
            Map.entry("cmd.print_test_ticket", new String[]{"In phiếu thử", "Print a test ticket"}),
            Map.entry("cmd.show_notice", new String[]{"Hiện thông báo", "Show a notice"}),
            Map.entry("cmd.clear_notice", new String[]{"Gỡ thông báo", "Take the notice down"}),
            Map.entry("noticeMinutes", new String[]{"Hiện trong (phút)", "Show for (minutes)"}),
            Map.entry("cmd.reload_config", new String[]{"Tải lại cấu hình", "Reload configuration"}),
            Map.entry("cmd.restart_app", new String[]{"Khởi động lại ứng dụng", "Restart the app"}),
            Map.entry("noticeText", new String[]{"Nội dung thông báo", "Notice text"}),
            Map.entry("history", new String[]{"Lịch sử lệnh", "Command history"}),
            Map.entry("issuedBy", new String[]{"Người gửi", "Sent by"}),
            Map.entry("issuedAt", new String[]{"Thời điểm", "Sent at"}),
            Map.entry("command", new String[]{"Lệnh", "Command"}),
            Map.entry("result", new String[]{"Kết quả", "Result"}),
            Map.entry("pending", new String[]{"Đang chờ", "Pending"}),
            Map.entry("expired", new String[]{"Hết hạn, ki-ốt không trả lời", "Expired without an answer"}),
            Map.entry("ok", new String[]{"Thành công", "Done"}),
            Map.entry("failed", new String[]{"Từ chối", "Refused"}),
            Map.entry("noCommandRole", new String[]{"Vai trò của bạn không được gửi lệnh.",
                    "Your role may not send commands."}),
            Map.entry("role", new String[]{"Vai trò", "Role"}),
            Map.entry("addUser", new String[]{"Thêm / đổi người dùng", "Add or change a user"}),
            Map.entry("save", new String[]{"Lưu", "Save"}),
            Map.entry("notFound", new String[]{"Không tìm thấy ki-ốt.", "No such kiosk."}),
            Map.entry("live", new String[]{"Cập nhật trực tiếp", "Live"}),
            Map.entry("memory", new String[]{"Bộ nhớ", "Memory"}),
            Map.entry("load", new String[]{"Tải CPU", "Load"}),
            Map.entry("latestVersion", new String[]{"Phiên bản mới nhất", "Latest version"}),
            Map.entry("publish", new String[]{"Ký và phát hành", "Sign and publish"}),
            Map.entry("configDone", new String[]{"Đã ký và phát hành phiên bản {v} tới {n} ki-ốt.",
                    "Signed and published version {v} to {n} kiosks."}),
            Map.entry("reports", new String[]{"Báo cáo hài lòng", "Satisfaction reports"}),
            Map.entry("from", new String[]{"Từ ngày", "From"}),
            Map.entry("to", new String[]{"Đến ngày", "To"}),
            Map.entry("period", new String[]{"Kỳ", "Period"}),
            Map.entry("period.day", new String[]{"Ngày", "Day"}),
            Map.entry("period.week", new String[]{"Tuần", "Week"}),
            Map.entry("period.month", new String[]{"Tháng", "Month"}),
            Map.entry("counter", new String[]{"Quầy", "Counter"}),
            Map.entry("officer", new String[]{"Cán bộ", "Officer"}),
            Map.entry("procedure", new String[]{"Thủ tục", "Procedure"}),
            Map.entry("groupBy", new String[]{"Theo", "Group by"}),
            Map.entry("group", new String[]{"Nhóm", "Group"}),
            Map.entry("show", new String[]{"Xem", "Show"}),
            Map.entry("summary", new String[]{"Tổng hợp", "Summary"}),
            Map.entry("trend", new String[]{"Xu hướng (tỉ lệ hài lòng)", "Trend (share satisfied)"}),
            Map.entry("satisfiedShare", new String[]{"hài lòng", "satisfied"}),
            Map.entry("satisfiedShareHeader", new String[]{"Tỉ lệ hài lòng", "Share satisfied"}),
            Map.entry("ratings", new String[]{"lượt đánh giá", "ratings"}),
            Map.entry("total", new String[]{"Tổng", "Total"}),
            Map.entry("lowRatings", new String[]{"Đánh giá chưa hài lòng", "Low ratings"}),
            Map.entry("level", new String[]{"Mức", "Level"}),
            Map.entry("reasons", new String[]{"Lý do", "Reasons"}),
            Map.entry("comment", new String[]{"Góp ý", "Comment"}),
            Map.entry("level.very_satisfied", new String[]{"Rất hài lòng", "Very satisfied"}),
            Map.entry("level.satisfied", new String[]{"Hài lòng", "Satisfied"}),
            Map.entry("level.neutral", new String[]{"Bình thường", "Neutral"}),
            Map.entry("level.dissatisfied", new String[]{"Không hài lòng", "Dissatisfied"}),
            Map.entry("level.very_dissatisfied", new String[]{"Rất không hài lòng", "Very dissatisfied"}),
            Map.entry("cfg.general", new String[]{"Thông tin chung", "General"}),
            Map.entry("cfg.siteName", new String[]{"Tên điểm (hiện trên ki-ốt)", "Site name (shown on the kiosks)"}),
            Map.entry("cfg.ratingScale", new String[]{"Thang đánh giá", "Rating scale"}),
            Map.entry("cfg.scale5", new String[]{"5 mức", "5 levels"}),
            Map.entry("cfg.scale3", new String[]{"3 mức", "3 levels"}),
            Map.entry("cfg.notices", new String[]{"Thông báo trên ki-ốt (mỗi dòng một thông báo)",
                    "Notices on the kiosks (one per line)"}),
            Map.entry("cfg.services", new String[]{"Dịch vụ (loại phiếu)", "Services (ticket kinds)"}),
            Map.entry("cfg.prefix", new String[]{"Chữ cái", "Letter"}),
            Map.entry("cfg.prefixHint", new String[]{"Chữ cái in hoa đứng đầu số phiếu, ví dụ A → A001.",
                    "The capital letter that starts the ticket number, e.g. A → A001."}),
            Map.entry("cfg.nameVi", new String[]{"Tên tiếng Việt", "Vietnamese name"}),
            Map.entry("cfg.nameEn", new String[]{"Tên tiếng Anh", "English name"}),
            Map.entry("cfg.addService", new String[]{"Thêm dịch vụ", "Add a service"}),
            Map.entry("cfg.counters", new String[]{"Quầy", "Counters"}),
            Map.entry("cfg.counterId", new String[]{"Mã quầy", "Counter id"}),
            Map.entry("cfg.counterName", new String[]{"Tên quầy", "Counter name"}),
            Map.entry("cfg.counterServices", new String[]{"Phục vụ các dịch vụ", "Serves"}),
            Map.entry("cfg.addCounter", new String[]{"Thêm quầy", "Add a counter"}),
            Map.entry("cfg.officers", new String[]{"Cán bộ", "Officers"}),
            Map.entry("cfg.officerId", new String[]{"Mã cán bộ", "Officer id"}),
            Map.entry("cfg.officerName", new String[]{"Họ và tên", "Full name"}),
            Map.entry("cfg.photoUrl", new String[]{"Địa chỉ ảnh (không bắt buộc)", "Photo URL (optional)"}),
            Map.entry("cfg.addOfficer", new String[]{"Thêm cán bộ", "Add an officer"}),
            Map.entry("cfg.remove", new String[]{"Xóa", "Remove"}),
            Map.entry("cfg.noServices", new String[]{"Chưa có dịch vụ", "No services yet"}),
            Map.entry("cfg.unknownService", new String[]{"không có dịch vụ này", "no such service"}),
            Map.entry("cfg.catalogueCount", new String[]{"Bản nháp có {n} thủ tục.", "The draft has {n} procedures."}),
            Map.entry("cfg.advanced", new String[]{"Xem nâng cao: toàn bộ cấu hình dạng JSON",
                    "Advanced view: the whole configuration as JSON"}),
            Map.entry("cfg.advancedHint", new String[]{"Biểu mẫu phía trên và bản JSON này là cùng một bản nháp: "
                    + "sửa ở đâu thì chỗ kia cập nhật theo.",
                    "The form above and this JSON are the same draft: a change to either shows in the other."}),
            Map.entry("cfg.jsonBad", new String[]{"Bản JSON chưa đúng cú pháp nên biểu mẫu chưa cập nhật theo; "
                    + "hãy sửa trong phần Xem nâng cao.",
                    "The JSON is not valid, so the form cannot follow it; fix it in the advanced view."}),
            Map.entry("importCatalogue", new String[]{"Nhập danh mục thủ tục từ tệp Excel (.xlsx) hoặc CSV",
                    "Import the procedure catalogue from an Excel (.xlsx) or CSV file"}),
            Map.entry("importColumns", new String[]{"Hàng đầu tiên (của trang tính đầu tiên, với tệp .xlsx) ghi tên các cột:",
                    "The first row (of the first sheet, for .xlsx) names the columns:"}),
            Map.entry("importDone", new String[]{"Đã nhập {n} thủ tục vào bản nháp; kiểm tra rồi bấm Ký và phát hành.",
                    "Imported {n} procedures into the draft; check it, then sign and publish."}),
            Map.entry("ratedAt", new String[]{"Thời điểm đánh giá", "Rated at"}),
            Map.entry("xlsx.ratings", new String[]{"Đánh giá", "Ratings"}),
            Map.entry("xlsx.queueBy", new String[]{"Theo", "By"}),
            Map.entry("xlsx.queueKey", new String[]{"Dịch vụ / Quầy", "Service / counter"}),
            Map.entry("xlsx.avgServiceSeconds", new String[]{"Thời gian phục vụ TB (giây)", "Average service time (s)"}),
            Map.entry("xlsx.avgWaitSeconds", new String[]{"Thời gian chờ TB (giây)", "Average wait (s)"}),
            Map.entry("queueFigures", new String[]{"Số liệu hàng đợi", "Queue figures"}),
            Map.entry("service", new String[]{"Dịch vụ", "Service"}),
            Map.entry("ticketsIssued", new String[]{"Số phiếu đã cấp", "Tickets issued"}),
            Map.entry("ticketsServed", new String[]{"Đã phục vụ", "Served"}),
            Map.entry("noShows", new String[]{"Vắng mặt", "No-shows"}),
            Map.entry("avgServiceTime", new String[]{"Thời gian phục vụ TB", "Average service time"}),
            Map.entry("ticketsCalled", new String[]{"Đã gọi", "Called"}),
            Map.entry("avgWaitTime", new String[]{"Thời gian chờ TB", "Average wait"}),
            Map.entry("byService", new String[]{"Theo dịch vụ", "By service"}),
            Map.entry("byCounter", new String[]{"Theo quầy", "By counter"}),
            Map.entry("queueCsv", new String[]{"CSV hàng đợi", "Queue CSV"}),
            Map.entry("queueNote", new String[]{"Theo ngày và điểm đã chọn. Thời gian chờ tính từ lúc cấp phiếu đến "
                    + "lần gọi đầu tiên (gọi lại không tính thêm); thời gian ghi theo phút:giây. Phiếu không nhận "
                    + "được sự kiện cấp phiếu chỉ được tính theo quầy.",
                    "For the chosen days and site. Waiting time runs from the ticket's issue to its first call (a "
                    + "recall does not count again); times are minutes:seconds. Tickets whose issue was not "
                    + "received count per counter only."}),
            Map.entry("last24h", new String[]{"24 giờ qua", "Last 24 hours"}),
            Map.entry("queues", new String[]{"Hàng đợi", "Queues"}),
            Map.entry("kiosks", new String[]{"Tổng số ki-ốt", "Kiosks"}),
            Map.entry("alerting", new String[]{"Cần xử lý", "Need attention"}),
            Map.entry("allSites", new String[]{"Tất cả các điểm", "All sites"}),
            Map.entry("allStates", new String[]{"Mọi trạng thái", "Any state"}),
            Map.entry("sortBy", new String[]{"Sắp xếp", "Order"}),
            Map.entry("sort.problems", new String[]{"Ki-ốt có sự cố trước", "Problems first"}),
            Map.entry("sort.kiosk", new String[]{"Theo mã ki-ốt", "By kiosk id"}),
            Map.entry("searchKiosk", new String[]{"Tìm theo mã ki-ốt", "Search by kiosk id"}),
            Map.entry("filter", new String[]{"Lọc", "Filter"}),
            Map.entry("clearFilter", new String[]{"Bỏ lọc", "Clear filters"}),
            Map.entry("noMatch", new String[]{"Không có ki-ốt nào khớp bộ lọc.", "No kiosk matches the filters."}),
            Map.entry("showing", new String[]{"Ki-ốt {a}–{b} trong số {n} ki-ốt khớp bộ lọc",
                    "Kiosks {a}–{b} of {n} matching"}),
            Map.entry("pages", new String[]{"Phân trang", "Pages"}),
            Map.entry("previous", new String[]{"Trang trước", "Previous"}),
            Map.entry("next", new String[]{"Trang sau", "Next"}));
}
