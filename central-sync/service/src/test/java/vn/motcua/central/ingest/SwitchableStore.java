package vn.motcua.central.ingest;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventQuery;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.store.KioskState;
import vn.motcua.central.store.QuarantinedEvent;
import vn.motcua.central.store.Readmission;
import vn.motcua.central.store.Stats;
import vn.motcua.central.store.StoreException;
import vn.motcua.central.store.StoredEvent;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.message.KioskStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The real event log behind a switch that makes every write fail, as a database outage would. */
@Singleton
@Replaces(EventStore.class)
@Requires(property = "spec.name", value = "StoreOutageIngestTest")
class SwitchableStore implements EventStore {
    private final EventStore delegate;
    volatile boolean down;
    final AtomicInteger failedWrites = new AtomicInteger();

    SwitchableStore(Database database, Clock clock) {
        delegate = JdbcEventStore.on(database, clock);
    }

    private void failIfDown() {
        if (down) {
            failedWrites.incrementAndGet();
            throw new StoreException("database down (test)", new java.sql.SQLException("connection refused"));
        }
    }

    @Override
    public long storeBatch(String siteId, EventBatch batch) {
        failIfDown();
        return delegate.storeBatch(siteId, batch);
    }

    @Override
    public java.util.Map<KioskKey, Long> storeBatches(java.util.List<SiteBatch> batches) {
        failIfDown();
        return delegate.storeBatches(batches);
    }

    @Override
    public java.util.Map<KioskKey, Long> keepRefused(String siteId, String kioskId,
                                                     java.util.List<vn.motcua.protocol.ProtocolCodec.RefusedEvent> r) {
        failIfDown();
        return delegate.keepRefused(siteId, kioskId, r);
    }

    @Override
    public void recordRejection(String reasonCode) {
        failIfDown();
        delegate.recordRejection(reasonCode);
    }

    @Override
    public void recordStatus(String siteId, String kioskId, KioskStatus status) {
        failIfDown();
        delegate.recordStatus(siteId, kioskId, status);
    }

    @Override
    public void touch(String siteId, String kioskId, Instant at) {
        failIfDown();
        delegate.touch(siteId, kioskId, at);
    }

    @Override
    public List<QuarantinedEvent> quarantined(String siteId, String kioskId, int limit) {
        return delegate.quarantined(siteId, kioskId, limit);
    }

    @Override
    public Readmission readmit(String quarantineId) {
        failIfDown();
        return delegate.readmit(quarantineId);
    }

    @Override
    public Stats stats() {
        return delegate.stats();
    }

    @Override
    public List<KioskState> kiosks() {
        return delegate.kiosks();
    }

    @Override
    public List<StoredEvent> events(EventQuery query) {
        return delegate.events(query);
    }

    @Override
    public boolean ping() {
        return !down && delegate.ping();
    }
}
