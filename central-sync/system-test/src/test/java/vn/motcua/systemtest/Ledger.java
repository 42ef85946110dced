package vn.motcua.systemtest;

import vn.motcua.systemtest.ChaosWorld.Kiosk;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Every event the agents committed, as their APIs answered: by kiosk, event type and the ticket or rating it is
 * about (a ticket may be called twice after its kiosk's database went back to an older copy, hence counts).
 */
final class Ledger {
    record Key(String siteId, String kioskId, String type, String entity) {
        @Override
        public String toString() {
            return siteId + "/" + kioskId + " " + type + " " + entity;
        }
    }

    record Owner(String siteId, String kioskId) {
        @Override
        public String toString() {
            return siteId + "/" + kioskId;
        }
    }

    private final Map<Key, Integer> expected = new HashMap<>();
    private final Map<String, Owner> owners = new HashMap<>();
    private int size;

    void committed(Kiosk k, String type, String entity) {
        expected.merge(new Key(k.siteId, k.kioskId, type, entity), 1, Integer::sum);
        owners.put(entity, new Owner(k.siteId, k.kioskId));
        size++;
    }

    Map<Key, Integer> expected() {
        return Collections.unmodifiableMap(expected);
    }

    Owner ownerOf(String entity) {
        return owners.get(entity);
    }

    int size() {
        return size;
    }
}
