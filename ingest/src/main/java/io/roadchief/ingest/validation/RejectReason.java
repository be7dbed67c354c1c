package io.roadchief.ingest.validation;

/** Why a message was quarantined. The code is what the quarantine table and the metrics carry. */
public enum RejectReason {
    OVERSIZED("oversized", "消息过大", "message larger than the limit"),
    UNKNOWN_TOPIC("unknown_topic", "未知主题", "topic is not a RoadChief device topic"),
    MALFORMED("malformed", "报文格式错误", "payload is not a valid roadchief.v1.Envelope"),
    TOPIC_DEVICE_MISMATCH("topic_device_mismatch", "主题与设备不符", "device id in the payload differs from the topic"),
    BODY_TOPIC_MISMATCH("body_topic_mismatch", "主题与内容不符", "payload kind does not belong on this topic"),
    UNKNOWN_DEVICE("unknown_device", "未登记设备", "device is not registered"),
    DISABLED_DEVICE("disabled_device", "设备已停用", "device is disabled"),
    IMPOSSIBLE_VALUE("impossible_value", "数值不可能", "a value is outside what the sensor or the vehicle can produce"),
    OUTSIDE_SERVICE_AREA("outside_service_area", "超出服务区域", "GPS position outside the configured service area"),
    CLOCK_AHEAD("clock_ahead", "设备时钟超前", "device time too far in the future"),
    TOO_OLD("too_old", "数据过旧", "device time older than the accepted age"),
    DUPLICATE("duplicate", "重复消息", "(device, sequence) already accepted");

    public final String code;
    public final String zh;
    public final String en;

    RejectReason(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }
}
