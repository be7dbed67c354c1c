package io.roadchief.service;

/** Who a signed-in user is to RoadChief; stored in service_user.role by its code. */
public enum Role {
    CREW("crew"), DUTY_OFFICER("duty_officer"), MANAGER("manager"), ADMIN("admin"),
    /** Automatic actors inside RoadChief (SLA clock, auto-assignment, pavement job); never a token. */
    SYSTEM("system");

    private final String code;

    Role(String code) { this.code = code; }

    public String code() { return code; }

    public static Role ofCode(String code) {
        for (Role r : values()) if (r.code.equals(code)) return r;
        throw new IllegalArgumentException("unknown role " + code);
    }
}
