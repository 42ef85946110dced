package vn.motcua.central.store;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells a refusal of the data from an outage, from what the driver reports. PostgreSQL: SQLSTATE class 22 (data
 * exception, e.g. 22P05 for U+0000 in jsonb, 22021 for a NUL byte in text), 23 (integrity constraint) except
 * 23505 (unique: we insert with ON CONFLICT, so one would be a race, not the data) and 54 (program limit, e.g. a value
 * too large for an index). SQLite: a constraint (NOT NULL, CHECK, a trigger's RAISE) other than a unique or primary
 * key, a value too big, a type mismatch. Everything else — no connection (class 08), time-outs, a full pool, locks,
 * deadlocks (class 40), a full disk (53100), an unknown failure — is an outage.
 */
final class SqlFailures {
    private SqlFailures() {
    }

    /** {@code what} failed with {@code cause}: a {@link StoreException} that tells a refusal from an outage. */
    static StoreException failure(String what, Exception cause) {
        return new StoreException(what + " failed: " + cause.getMessage(), cause, refusedData(cause));
    }

    static boolean refusedData(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = next(t)) {
            if (t instanceof SQLiteException sqlite) {
                return refusedBySqlite(sqlite.getResultCode());
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
                return refusedByPostgres(sql.getSQLState());
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException sql && sql.getNextException() != null) {
            return sql.getNextException();
        }
        return t.getCause();
    }

    static boolean refusedByPostgres(String sqlState) {
        String kind = sqlState.substring(0, 2);
        return kind.equals("22") || kind.equals("54") || (kind.equals("23") && !sqlState.equals("23505"));
    }

    static boolean refusedBySqlite(SQLiteErrorCode code) {
        if (code == null) {
            return false;
        }
        return switch (code.code & 0xff) {
            case 18, 20 -> true; // SQLITE_TOOBIG, SQLITE_MISMATCH
            case 19 -> code != SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    && code != SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY; // SQLITE_CONSTRAINT_*
            default -> false;
        };
    }
}
