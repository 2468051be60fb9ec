package io.closeloop.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a service's database directly: what the fault tests count is what was stored, not what an API shows. */
final class Sql {

    private Sql() {
    }

    static long count(Platform platform, String service, String query) {
        return Long.parseLong(column(platform, service, query).getFirst());
    }

    private static ResultSet query(Statement statement, String query) throws SQLException {
        statement.setQueryTimeout(30);
        return statement.executeQuery(query);
    }

    /** The first column of every row, as text. */
    static List<String> column(Platform platform, String service, String query) {
        try (Connection connection = DriverManager.getConnection(platform.jdbcUrl(service),
                platform.infra.postgresUser(), platform.infra.postgresPassword());
                Statement statement = connection.createStatement();
                ResultSet rows = query(statement, query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(service + ": " + query, e);
        }
    }
}
