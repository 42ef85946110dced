package vn.motcua.firmware.packaging.cds;

import java.util.concurrent.ConcurrentHashMap;

/** A small program for the launcher's tests, started from a jar of its own: it loads a few classes and says so. */
public final class ArchiveProbe {
    private ArchiveProbe() {
    }

    /** As a Java agent (-javaagent:probe.jar), it does nothing. */
    public static void premain(String args) {
    }

    public static void main(String[] args) {
        ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
        counts.merge("probe", 1, Integer::sum);
        System.out.println("ARCHIVE_PROBE ran " + counts + " " + java.time.LocalDate.of(2026, 1, 1).getDayOfWeek());
    }
}
