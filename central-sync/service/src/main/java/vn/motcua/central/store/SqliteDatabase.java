package vn.motcua.central.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded database: one SQLite file in WAL mode with {@code synchronous=FULL}. SQLite has a single writer, so all
 * writes go through one connection, one transaction at a time; reads use a second connection and see the last
 * committed state.
 */
final class SqliteDatabase implements Database {
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();

    SqliteDatabase(String url) {
        createParentFolder(url);
        Dialect.SQLITE.migrate(url);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(5000);
        try {
            writer = DriverManager.getConnection(url, config.toProperties());
            writer.setAutoCommit(false);
            reader = DriverManager.getConnection(url, config.toProperties());
        } catch (SQLException e) {
            throw SqlFailures.failure("open SQLite " + url, e);
        }
    }

    @Override
    public <T> T write(String what, Work<T> work) {
        writeLock.lock();
        try {
            T result = work.run(writer);
            writer.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                writer.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e instanceof StoreException se ? se : SqlFailures.failure(what, e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public <T> T query(String what, Work<T> work) {
        readLock.lock();
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw SqlFailures.failure(what, e);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            reader.close();
            writer.close();
        } catch (SQLException e) {
            throw SqlFailures.failure("close SQLite", e);
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }

    private static void createParentFolder(String url) {
        String path = url.substring(StoreConfig.SQLITE_PREFIX.length());
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        path = path.startsWith("file:") ? path.substring("file:".length()) : path;
        if (path.isEmpty() || path.startsWith(":memory:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the SQLite file " + path, e);
        }
    }
}
