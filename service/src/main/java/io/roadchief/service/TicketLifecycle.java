package io.roadchief.service;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The repair ticket lifecycle, in one place: which status may follow which, and who may move it.
 *
 * <pre>
 *   open --assign--> assigned --acknowledge--> acknowledged --start--> in_repair --repaired--> repaired
 *   repaired --verify (pavement job)--> verified          (defect signature gone on the next pass)
 *   repaired --reopen (pavement job)--> reopened          (still there; the crew acknowledges again)
 *   repaired --timeout (SLA clock)----> unverified        (no vehicle pass within RepairSla.VERIFY_HOURS)
 * </pre>
 *
 * A crew member may move only tickets of their own crew; a manager limited to a district only that
 * district's tickets; an admin any ticket. Automatic actors (SLA clock, auto-assignment, pavement
 * job) act as {@link Role#SYSTEM}. The pavement job's verification goes through the SQL function
 * record_ticket_verification (migration V31), which applies the same verify/reopen rule.
 */
public final class TicketLifecycle {
    private TicketLifecycle() {}

    /** Statuses in which the repair deadline still runs (warnings and breaches fire). */
    public static final List<String> SLA_RUNNING = List.of("open", "assigned", "acknowledged", "in_repair", "reopened");
    /** Statuses shown as work on the crew page by default. */
    public static final List<String> NOT_CLOSED = List.of("open", "assigned", "acknowledged", "in_repair", "reopened", "repaired");

    private static final Set<Role> HUMANS_ON_TICKET = EnumSet.of(Role.CREW, Role.MANAGER, Role.ADMIN);

    /** Something that moves a ticket from one status to the next. */
    public enum Action {
        ASSIGN("assign", "assigned", Set.of("open", "assigned", "acknowledged", "in_repair", "reopened"),
            EnumSet.of(Role.MANAGER, Role.ADMIN, Role.SYSTEM), "指派", "assign"),
        ACKNOWLEDGE("acknowledge", "acknowledged", Set.of("assigned", "reopened"), HUMANS_ON_TICKET, "确认接单", "acknowledge"),
        START("start", "in_repair", Set.of("acknowledged"), HUMANS_ON_TICKET, "开始维修", "start repair"),
        MARK_REPAIRED("repaired", "repaired", Set.of("in_repair"), HUMANS_ON_TICKET, "标记已修复", "mark repaired"),
        VERIFY("verify", "verified", Set.of("repaired"), EnumSet.of(Role.SYSTEM), "核验通过", "verify"),
        REOPEN("reopen", "reopened", Set.of("repaired"), EnumSet.of(Role.SYSTEM), "重新开启", "reopen"),
        MARK_UNVERIFIED("unverified", "unverified", Set.of("repaired"), EnumSet.of(Role.SYSTEM), "无法核验", "mark unverified");

        private final String path;
        private final String to;
        private final Set<String> from;
        private final Set<Role> roles;
        private final String nameZh;
        private final String nameEn;

        Action(String path, String to, Set<String> from, Set<Role> roles, String nameZh, String nameEn) {
            this.path = path;
            this.to = to;
            this.from = from;
            this.roles = roles;
            this.nameZh = nameZh;
            this.nameEn = nameEn;
        }

        /** The last segment of POST /api/tickets/{id}/{path}. */
        public String path() { return path; }

        public String toStatus() { return to; }

        public Set<String> fromStatuses() { return from; }

        /** Actions a person may request over the API. */
        public boolean requestable() { return !roles.equals(EnumSet.of(Role.SYSTEM)); }

        public static Action ofPath(String path) {
            for (Action a : values()) if (a.path.equals(path) && a.requestable()) return a;
            return null;
        }
    }

    /**
     * Decides whether {@code caller} may apply {@code action} to a ticket in {@code status} owned by
     * {@code ticketCrewId} in {@code ticketDistrict}. Permission is checked before status, so a crew
     * probing another crew's ticket learns nothing about its state.
     *
     * @throws ApiError 403 when the caller may not, 409 when the ticket's status does not allow it
     */
    public static void check(Caller caller, Action action, String status, String ticketCrewId, String ticketDistrict) {
        if (!action.roles.contains(caller.role())) {
            throw new ApiError(403, "role_not_allowed",
                "您的角色无权执行「" + action.nameZh + "」", "your role may not " + action.nameEn + " tickets");
        }
        if (caller.role() == Role.CREW && (ticketCrewId == null || !ticketCrewId.equals(caller.crewId()))) {
            throw new ApiError(403, "other_crew",
                "无权操作：该工单不属于您的班组", "refused: this ticket belongs to another crew");
        }
        if (caller.role() == Role.MANAGER && caller.districtCode() != null && !caller.districtCode().equals(ticketDistrict)) {
            throw new ApiError(403, "other_district",
                "无权操作：该工单不在您管辖的区", "refused: this ticket is outside your district");
        }
        if (!action.from.contains(status)) {
            throw new ApiError(409, "wrong_status",
                "工单当前状态为「" + status + "」，不能" + action.nameZh,
                "cannot " + action.nameEn + " a ticket that is " + status);
        }
    }
}
