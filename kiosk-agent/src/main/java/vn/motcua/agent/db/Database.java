package vn.motcua.agent.db;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.KioskSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The agent's one SQLite file and its one connection. Every read and write runs inside {@link #transaction}, which
 * holds a lock: a single writer means ticket numbers and outbox sequences are allocated without races or gaps, and
 * SQLite never answers "database is locked".
 */
@Context
public class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final ReentrantLock lock = new ReentrantLock(true);
    /** Work to run once the current transaction has committed; touched only by the thread holding {@link #lock}. */
    private final List<Runnable> afterCommit = new ArrayList<>();
    private int depth;
    private final Path file;
    private final Connection connection;

    public Database(KioskSettings kiosk) {
        file = kiosk.databasePath().toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("database " + file + ": cannot create its folder — set AGENT_DB to a writable path", e);
        }
        String url = "jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000&foreign_keys=true";
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
        try {
            connection = DriverManager.getConnection(url);
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new DatabaseException("database " + file + ": cannot open", e);
        }
        LOG.info("database {} ready (WAL, synchronous=FULL)", file);
    }

    /**
     * Runs {@code work} alone on the connection and commits it; any exception rolls everything back. What the work
     * registered with {@link #afterCommit} runs once the outermost transaction has committed, and never after a
     * rollback.
     */
    public <T> T transaction(SqlWork<T> work) {
        List<Runnable> hooks;
        T result;
        lock.lock();
        try {
            depth++;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback();
                if (depth == 1) {
                    afterCommit.clear();
                }
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new DatabaseException("database " + file + ": " + e.getMessage(), (SQLException) e);
            }
            if (depth > 1 || afterCommit.isEmpty()) {
                return result;
            }
            hooks = List.copyOf(afterCommit);
            afterCommit.clear();
        } finally {
            depth--;
            lock.unlock();
        }
        for (Runnable hook : hooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.error("database {}: after-commit work failed", file, e);
            }
        }
        return result;
    }

    /**
     * Runs {@code hook} after the transaction in progress on this thread commits (outside the lock, on this thread);
     * it is dropped if the transaction rolls back. Call it only inside {@link #transaction}.
     */
    public void afterCommit(Runnable hook) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("afterCommit outside a transaction");
        }
        afterCommit.add(hook);
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.error("database {}: rollback failed", file, e);
        }
    }

    public Path file() {
        return file;
    }

    @PreDestroy
    void close() {
        lock.lock();
        try {
            connection.close();
            LOG.info("database {} closed", file);
        } catch (SQLException e) {
            LOG.warn("database {}: close failed", file, e);
        } finally {
            lock.unlock();
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
