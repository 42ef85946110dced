package vn.motcua.agent.db;

import java.sql.SQLException;

public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, SQLException cause) {
        super(message, cause);
    }
}
