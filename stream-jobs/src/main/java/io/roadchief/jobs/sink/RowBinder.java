package io.roadchief.jobs.sink;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Sets one row's parameters on the sink's prepared statement. */
@FunctionalInterface
public interface RowBinder<T> extends Serializable {
    void bind(PreparedStatement statement, T row) throws SQLException;
}
