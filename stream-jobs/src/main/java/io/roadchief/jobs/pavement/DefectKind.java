package io.roadchief.jobs.pavement;

/** Pavement defect types with their database code (= lower-case protobuf DefectType name) and names for titles. */
public enum DefectKind {
    POTHOLE("pothole", "坑槽", "pothole"),
    CRACK("crack", "龟裂", "cracking"),
    SUBSIDENCE("subsidence", "沉陷", "subsidence"),
    RUTTING("rutting", "车辙", "rutting"),
    BUMP("bump", "拥包", "bump"),
    MANHOLE("manhole", "井盖", "manhole cover");

    public final String code, zh, en;

    DefectKind(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    public static DefectKind fromCode(String code) {
        for (DefectKind k : values()) if (k.code.equalsIgnoreCase(code)) return k;
        throw new IllegalArgumentException("unknown defect type " + code);
    }
}
