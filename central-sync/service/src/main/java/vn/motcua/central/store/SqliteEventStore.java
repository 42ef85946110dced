package vn.motcua.central.store;

import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL}. SQLite has a single writer, so all
 * writes go through one connection, one transaction at a time; reads use a second connection and see the last
 * committed state. Instants are fixed-width UTC text, so they compare correctly as text.
 */
public final class SqliteEventStore extends JdbcEventStore {
    private static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();

    public SqliteEventStore(String url, Clock clock) {
        super(clock);
        createParentFolder(url);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/sqlite").load().migrate();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(5000);
        try {
            writer = DriverManager.getConnection(url, config.toProperties());
            writer.setAutoCommit(false);
            reader = DriverManager.getConnection(url, config.toProperties());
        } catch (SQLException e) {
            throw failure("open SQLite " + url, e);
        }
    }

    @Override
    <T> T inTransaction(String what, SqlWork<T> work) {
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
            throw e instanceof StoreException se ? se : failure(what, e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    <T> T read(String what, SqlWork<T> work) {
        readLock.lock();
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    String lockKioskSql() {
        // the single writer connection already serializes every write transaction
        return "SELECT contiguous_seq, last_seq FROM kiosks WHERE site_id = ? AND kiosk_id = ?";
    }

    @Override
    String eventRow() {
        return "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    String dataColumn() {
        return "data";
    }

    @Override
    void bindUuid(PreparedStatement ps, int index, UUID id) throws SQLException {
        ps.setString(index, id.toString());
    }

    @Override
    void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setString(index, instant == null ? null : INSTANT_TEXT.format(instant));
    }

    @Override
    Instant readInstant(ResultSet rs, int index) throws SQLException {
        String text = rs.getString(index);
        return text == null ? null : Instant.parse(text);
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            reader.close();
            writer.close();
        } catch (SQLException e) {
            throw failure("close SQLite", e);
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
