package vn.motcua.central.queuealert;

import vn.motcua.central.alert.AlertDetail;
import vn.motcua.central.alert.AlertKind;
import vn.motcua.central.alert.AlertStore;
import vn.motcua.central.store.KioskKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which queue alerts hold now, from the live state of every kiosk's queue and its site's thresholds: a service whose
 * longest current wait or queue length passes its threshold, and a signed-in counter with citizens waiting for its
 * services that has called nobody for the site's idle minutes.
 */
final class QueueConditions {
    private QueueConditions() {
    }

    /** The tickets waiting for one service at one kiosk: how many, and since when the longest one waits. */
    record Waiting(KioskKey kiosk, String service, int count, long oldestIssuedAt) {
    }

    /**
     * What one counter of a kiosk did today: the time of its latest ticket event (call, service, no-show), and
     * whether a ticket it called is still at the counter.
     */
    record Activity(KioskKey kiosk, String counter, long lastEventAt, boolean serving) {
    }

    /** A counter signed in on a kiosk's console, since central first saw it so. */
    record SignedIn(KioskKey kiosk, String counter, long since) {
    }

    /**
     * A site's thresholds: per service the longest wait in minutes (null: none) and the queue length (null: none),
     * the services of each counter, and the minutes without a call that make a counter idle.
     */
    record Rules(Map<String, Integer> longestWaitMinutes, Map<String, Integer> queueLength,
                 Map<String, List<String>> counterServices, int idleMinutes) {
    }

    /** The alerts that hold at {@code now}, each with its detail. */
    static Map<AlertStore.Open, AlertDetail> active(Collection<Waiting> waiting, Collection<Activity> activity,
                                               Collection<SignedIn> signedIn, Map<String, Rules> rulesBySite,
                                               long now) {
        Map<AlertStore.Open, AlertDetail> out = new LinkedHashMap<>();
        Map<KioskKey, Map<String, Waiting>> byKiosk = new HashMap<>();
        for (Waiting w : waiting) {
            byKiosk.computeIfAbsent(w.kiosk(), k -> new HashMap<>()).put(w.service(), w);
            Rules rules = rulesBySite.get(w.kiosk().siteId());
            if (rules == null || w.count() == 0) {
                continue;
            }
            Integer longest = rules.longestWaitMinutes().get(w.service());
            long waitedMinutes = Math.max(0, now - w.oldestIssuedAt()) / 60_000;
            if (longest != null && now - w.oldestIssuedAt() > longest * 60_000L) {
                out.put(new AlertStore.Open(w.kiosk(), AlertKind.LONG_WAIT, w.service()), AlertDetail.of("long_wait",
                        "service " + w.service() + ": longest wait " + waitedMinutes + " min, threshold " + longest
                                + " min, " + w.count() + " waiting", w.service(), waitedMinutes, longest, w.count()));
            }
            Integer length = rules.queueLength().get(w.service());
            if (length != null && w.count() > length) {
                out.put(new AlertStore.Open(w.kiosk(), AlertKind.LONG_QUEUE, w.service()), AlertDetail.of("long_queue",
                        "service " + w.service() + ": " + w.count() + " waiting, threshold " + length, w.service(),
                        w.count(), length));
            }
        }
        Map<List<Object>, Activity> done = new HashMap<>();
        for (Activity a : activity) {
            done.put(List.of(a.kiosk(), a.counter()), a);
        }
        for (SignedIn s : signedIn) {
            Rules rules = rulesBySite.get(s.kiosk().siteId());
            List<String> services = rules == null ? null : rules.counterServices().get(s.counter());
            Map<String, Waiting> queues = byKiosk.getOrDefault(s.kiosk(), Map.of());
            if (services == null) {
                continue;
            }
            Activity a = done.get(List.of(s.kiosk(), s.counter()));
            if (a != null && a.serving()) {
                continue;
            }
            List<Waiting> waitingHere = new ArrayList<>();
            for (String service : services) {
                Waiting w = queues.get(service);
                if (w != null && w.count() > 0) {
                    waitingHere.add(w);
                }
            }
            if (waitingHere.isEmpty()) {
                continue;
            }
            // idle from the latest of: its last ticket event, its sign-in, the arrival of the longest waiting
            long oldest = waitingHere.stream().mapToLong(Waiting::oldestIssuedAt).min().orElse(now);
            long idleSince = Math.max(Math.max(s.since(), oldest), a == null ? Long.MIN_VALUE : a.lastEventAt());
            if (now - idleSince >= rules.idleMinutes() * 60_000L) {
                int people = waitingHere.stream().mapToInt(Waiting::count).sum();
                long idleMinutes = (now - idleSince) / 60_000;
                out.put(new AlertStore.Open(s.kiosk(), AlertKind.IDLE_COUNTER, s.counter()), AlertDetail.of(
                        "idle_counter", "counter " + s.counter() + ": no call for " + idleMinutes + " min, threshold "
                                + rules.idleMinutes() + " min, " + people + " waiting", s.counter(), idleMinutes,
                        rules.idleMinutes(), people));
            }
        }
        return out;
    }
}
