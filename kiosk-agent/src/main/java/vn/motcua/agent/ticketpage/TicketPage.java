package vn.motcua.agent.ticketpage;

import jakarta.inject.Singleton;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.screen.TicketStatus;

/**
 * The page a citizen's phone opens from the ticket's QR code: the number, where it stands, and the counter once
 * called. Rendered on the server, every value escaped, and refreshed by the browser every 15 s, so it works on any
 * phone without script (the LAN server's content security policy allows none inline).
 */
@Singleton
public class TicketPage {
    private final SiteConfigStore site;

    public TicketPage(SiteConfigStore site) {
        this.site = site;
    }

    public String render(TicketStatus t) {
        String headline;
        String detail;
        switch (t.status()) {
            case "waiting" -> {
                headline = t.peopleAhead() == 0 ? "Bạn là người tiếp theo" : "Còn " + t.peopleAhead() + " người trước bạn";
                detail = t.estimatedWaitMinutes() == null || t.estimatedWaitMinutes() == 0 ? "Vui lòng chú ý màn hình gọi số."
                        : "Thời gian chờ dự kiến: khoảng " + t.estimatedWaitMinutes() + " phút.";
            }
            case "called" -> {
                headline = "Mời bạn đến " + t.counterName();
                detail = t.officerName() == null ? "" : "Cán bộ tiếp nhận: " + t.officerName() + ".";
            }
            case "served" -> {
                headline = "Đã phục vụ xong";
                detail = (t.rated() ? "Cảm ơn bạn đã đánh giá." : "Mời bạn đánh giá mức độ hài lòng tại kiosk.");
            }
            default -> {
                headline = "Phiếu đã bị bỏ qua";
                detail = "Bạn không có mặt khi được gọi. Vui lòng lấy số mới hoặc liên hệ cán bộ.";
            }
        }
        boolean live = t.status().equals("waiting") || t.status().equals("called");
        return page("Phiếu " + t.display(), (live ? "<meta http-equiv=\"refresh\" content=\"15\">" : "")
                + "<main class=\"" + esc(t.status()) + "\"><p class=\"site\">" + esc(site.current().siteName())
                + "</p><p class=\"label\">Số phiếu</p><h1>" + esc(t.display()) + "</h1><h2>" + esc(headline)
                + "</h2><p>" + esc(detail) + "</p></main>");
    }

    public String notFound() {
        return page("Không tìm thấy phiếu", "<main><h2>Không tìm thấy phiếu</h2><p>Phiếu này không có trên kiosk, "
                + "hoặc đã hết hạn. Vui lòng hỏi cán bộ tại quầy.</p></main>");
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + esc(title)
                + "</title><link rel=\"stylesheet\" href=\"/lan/ticket.css\"></head><body>" + body + "</body></html>";
    }

    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
