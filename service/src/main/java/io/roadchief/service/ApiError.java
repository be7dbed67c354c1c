package io.roadchief.service;

import io.vertx.core.json.JsonObject;

/** A refusal the API reports to its caller, with a machine code and text in both languages. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String messageZh;

    public ApiError(int status, String code, String messageZh, String messageEn) {
        super(messageEn, null, false, false);
        this.status = status;
        this.code = code;
        this.messageZh = messageZh;
    }

    public int status() { return status; }

    public String code() { return code; }

    public JsonObject toJson() {
        return new JsonObject().put("error", code).put("message_zh", messageZh).put("message_en", getMessage());
    }

    public static ApiError badRequest(String zh, String en) { return new ApiError(400, "bad_request", zh, en); }

    public static ApiError notFound(String zh, String en) { return new ApiError(404, "not_found", zh, en); }
}
