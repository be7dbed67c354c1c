package io.roadchief.jobs.pavement;

import java.util.Locale;

/** Ticket titles crews read, zh-CN with English alongside: "【严重】文三路 坑槽 (K0+340)" / "[Severe] Wensan Rd pothole (K0+340)". */
public final class TicketTitles {
    private TicketTitles() {}

    /** Chainage as Chinese road stake notation: K{km}+{m, 3 digits}. */
    public static String stake(double chainageM) {
        long m = Math.max(0, Math.round(chainageM));
        return String.format(Locale.ROOT, "K%d+%03d", m / 1000, m % 1000);
    }

    public static String zh(Severity s, String roadNameZh, DefectKind k, double chainageM) {
        return "【" + s.zh + "】" + roadNameZh + " " + k.zh + " (" + stake(chainageM) + ")";
    }

    public static String en(Severity s, String roadNameEn, DefectKind k, double chainageM) {
        return "[" + s.en + "] " + roadNameEn + " " + k.en + " (" + stake(chainageM) + ")";
    }
}
