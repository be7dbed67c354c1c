package io.roadchief.service;

import io.vertx.core.json.JsonObject;

/**
 * The authenticated user behind a request (or an automatic actor).
 *
 * @param crewId       the crew of a crew member, else null
 * @param districtCode the district a manager is limited to, null for the whole city
 */
public record Caller(String userId, String displayName, Role role, String crewId, String districtCode) {

    public static Caller system(String actor) {
        return new Caller(actor, actor, Role.SYSTEM, null, null);
    }

    public JsonObject toJson() {
        return new JsonObject().put("userId", userId).put("displayName", displayName).put("role", role.code())
            .put("crewId", crewId).put("districtCode", districtCode);
    }
}
