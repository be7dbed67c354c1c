package io.roadchief.jobs.pavement;

/**
 * The state of one defect after a detection: a defect row, plus its ticket when confirmed.
 *
 * @param status       "candidate" | "confirmed" | "merged:{defect id}" (folded into that defect)
 * @param ticketOpened true exactly once: on the detection that confirmed the defect (writes ticket_event 'opened')
 */
public record DefectUpdate(String defectId, String segmentId, String roadId, int direction, double chainageM, double lat, double lon,
                           String defectType, String severity, long firstSeenMs, long lastSeenMs, int detectionCount,
                           int vehicleCount, String status, Ticket ticket, boolean ticketOpened) {

    /** The row of an unconfirmed defect folded into another: status "merged:" + the surviving defect id. */
    public static DefectUpdate merged(DefectCluster c, String intoDefectId) {
        return new DefectUpdate(c.defectId, c.segmentId, c.roadId, c.direction, c.chainageM, c.lat, c.lon, c.defectType, c.severity,
                c.firstSeenMs, c.lastSeenMs, c.detectionCount, c.vehicles.length, "merged:" + intoDefectId, null, false);
    }

    /** A ticket row (only the fields the pipeline owns; crews and the SLA job own the rest). */
    public record Ticket(String ticketId, String segmentId, String roadNameZh, String roadNameEn, String districtCode,
                         double lat, double lon, String defectType, String severity, String titleZh, String titleEn,
                         long confirmedAtMs, long dueAtMs, long warnAtMs, int evidenceCount) {}
}
