package io.closeloop.chassis.inbox;

import io.closeloop.chassis.directory.DirectoryUnavailable;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells an outage (database or identity provider), which must be waited out without skipping anything, from a fault
 * in the record itself.
 */
public final class Failures {

    /** SQLSTATE classes of connection loss, rollbacks (deadlock, serialization), resources and shutdown. */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57", "58");

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                // The pool reports an unreachable database without a SQLSTATE.
                if (state == null || state.length() < 2 || TRANSIENT_SQL_STATE_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
            }
            if (cause.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                    || cause instanceof DirectoryUnavailable) {
                return true;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return false;
    }

    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getSimpleName() + message;
    }
}
