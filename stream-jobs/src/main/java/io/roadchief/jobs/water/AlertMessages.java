package io.roadchief.jobs.water;

import java.util.Locale;

/** The text duty officers read: Chinese first, English alongside. */
final class AlertMessages {
    private AlertMessages() {}

    static String cm(double mm) {
        double cm = mm / 10.0;
        return Math.abs(cm) >= 10 ? String.format(Locale.ROOT, "%.0f", cm) : String.format(Locale.ROOT, "%.1f", cm);
    }

    /** "水深 16 cm" or, for a drain, "井内水位距井口 25 cm" / "漫出井口 3 cm". */
    static String[] level(GaugeConfig g, double mm) {
        if (g.kind() == GaugeKind.DRAIN && g.rimMm() != null) {
            double below = g.rimMm() - mm;
            if (below > 0) return new String[] {"井内水位距井口 " + cm(below) + " cm", "level " + cm(below) + " cm below the rim"};
            return new String[] {"水已漫出井口 " + cm(-below) + " cm", "overflowing the rim by " + cm(-below) + " cm"};
        }
        return new String[] {"水深 " + cm(mm) + " cm", "water " + cm(mm) + " cm deep"};
    }

    static String[] rise(double mmPerMin) {
        if (Double.isNaN(mmPerMin) || Math.abs(mmPerMin) < WaterThresholds.MIN_RISE_MM_PER_MIN) return new String[] {"水位平稳", "steady"};
        String v = String.format(Locale.ROOT, "%.1f", Math.abs(mmPerMin) / 10.0);
        return mmPerMin > 0 ? new String[] {"上涨 " + v + " cm/分钟", "rising " + v + " cm/min"}
                : new String[] {"回落 " + v + " cm/分钟", "falling " + v + " cm/min"};
    }

    static String[] eta(RiskLevel next, Integer etaS) {
        if (next == null || etaS == null) return new String[] {"", ""};
        long min = Math.max(1, Math.round(etaS / 60.0));
        return new String[] {"，预计 " + min + " 分钟达" + next.zh(), ", " + next.en() + " expected in " + min + " min"};
    }

    static String[] change(AlertKind kind, GaugeConfig g, RiskLevel to, double mm, double rise, RiskLevel next, Integer etaS) {
        String[] lv = level(g, mm);
        String[] r = rise(rise);
        String[] e = eta(next, etaS);
        return switch (kind) {
            case WATER_RAISE, WATER_ESCALATE -> new String[] {
                "【" + to.zh() + "预警】" + g.nameZh() + " " + lv[0] + "，" + r[0] + e[0],
                "[" + to.en().toUpperCase(Locale.ROOT) + " alert] " + g.nameEn() + ": " + lv[1] + ", " + r[1] + e[1]};
            case WATER_LOWER -> new String[] {
                "【降为" + to.zh() + "预警】" + g.nameZh() + " " + lv[0] + "，水位已持续回落",
                "[lowered to " + to.en().toUpperCase(Locale.ROOT) + "] " + g.nameEn() + ": " + lv[1] + ", receding"};
            case WATER_CLEAR -> new String[] {
                "【解除预警】" + g.nameZh() + " 积水已退，" + lv[0],
                "[all clear] " + g.nameEn() + ": water receded, " + lv[1]};
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    static String[] earlyWarning(GaugeConfig g, RiskLevel target, double mm, double rise, Integer etaS,
                                 EarlyWarning.Reason reason, double rainMmH) {
        String[] lv = level(g, mm);
        String[] r = rise(rise);
        String head = "【" + target.zh() + "预警·预测】" + g.nameZh() + " " + lv[0] + "，" + r[0];
        String headEn = "[" + target.en().toUpperCase(Locale.ROOT) + " forecast] " + g.nameEn() + ": " + lv[1] + ", " + r[1];
        if (reason == EarlyWarning.Reason.FORECAST) {
            String[] e = eta(target, etaS);
            return new String[] {head + e[0], headEn + e[1]};
        }
        String rain = String.format(Locale.ROOT, "%.0f", rainMmH);
        String[] e = eta(target, etaS);
        return new String[] {head + "，短时强降水 " + rain + " mm/h" + e[0], headEn + ", heavy rain " + rain + " mm/h" + e[1]};
    }

    /** @param risingNeighbours for GAUGE_STUCK: the neighbours that rose while it stayed flat (0: flagged by its rain gauge) */
    static String[] health(AlertKind kind, GaugeConfig g, String detail, int risingNeighbours) {
        String n = g.nameZh();
        String e = g.nameEn();
        if (kind == AlertKind.GAUGE_STUCK && risingNeighbours > 0) {
            return new String[] {"【数据异常·读数卡滞】" + n + " 周边 " + risingNeighbours + " 个测点水位上涨，本点读数持续不变，请核查设备",
                    "[gauge stuck] " + e + ": reading unchanged while " + risingNeighbours + " nearby gauges rise, check the sensor"};
        }
        return switch (kind) {
            case GAUGE_OFFLINE -> new String[] {"【设备离线】" + n + " 超过 " + WaterThresholds.OFFLINE_INTERVALS + " 个上报周期无数据",
                    "[gauge offline] " + e + ": no reading for " + WaterThresholds.OFFLINE_INTERVALS + " reporting intervals"};
            case GAUGE_BACK_ONLINE -> new String[] {"【设备恢复】" + n + " 已恢复上报", "[gauge back online] " + e + " is reporting again"};
            case GAUGE_STUCK -> new String[] {"【数据异常·读数卡滞】" + n + " 降雨期间读数持续不变，请核查设备",
                    "[gauge stuck] " + e + ": reading unchanged during rain, check the sensor"};
            case GAUGE_STUCK_CLEARED -> new String[] {"【卡滞解除】" + n + " 读数恢复变化", "[stuck cleared] " + e + ": reading moves again"};
            case GAUGE_SPIKE -> new String[] {"【数据异常·跳变】" + n + " 频繁出现跳变读数（已剔除），请核查设备",
                    "[gauge spiking] " + e + ": frequent spikes (rejected), check the sensor"};
            case GAUGE_SPIKE_CLEARED -> new String[] {"【跳变解除】" + n + " 读数恢复正常", "[spikes cleared] " + e + ": readings normal again"};
            case GAUGE_LOW_BATTERY -> new String[] {"【电量低】" + n + " 电池电压过低，请尽快更换", "[low battery] " + e + ": replace the battery soon"};
            case GAUGE_LOW_BATTERY_CLEARED -> new String[] {"【电量恢复】" + n + " 电池电压正常", "[battery ok] " + e + ": battery voltage normal"};
            default -> throw new IllegalArgumentException(kind.name());
        };
    }
}
