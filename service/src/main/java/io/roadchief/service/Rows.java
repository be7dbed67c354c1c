package io.roadchief.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.data.Numeric;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;

/** Turns database rows into the API's JSON: camelCase keys, ISO-8601 instants, plain numbers. */
final class Rows {
    private Rows() {}

    static JsonObject toJson(Row row) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < row.size(); i++) {
            o.put(camel(row.getColumnName(i)), value(row.getValue(i)));
        }
        return o;
    }

    static JsonArray toJson(RowSet<Row> rows) {
        JsonArray a = new JsonArray();
        for (Row r : rows) a.add(toJson(r));
        return a;
    }

    static Object value(Object v) {
        if (v == null) return null;
        if (v instanceof OffsetDateTime t) return t.toInstant().toString();
        if (v instanceof Temporal t) return t.toString();
        if (v instanceof Numeric n) return n.doubleValue();
        if (v instanceof Object[] arr) {
            JsonArray a = new JsonArray();
            for (Object x : arr) a.add(value(x));
            return a;
        }
        return v;
    }

    static String camel(String snake) {
        StringBuilder b = new StringBuilder(snake.length());
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') { up = true; continue; }
            b.append(up ? Character.toUpperCase(c) : c);
            up = false;
        }
        return b.toString();
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
