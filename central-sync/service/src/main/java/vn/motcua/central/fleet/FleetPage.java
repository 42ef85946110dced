package vn.motcua.central.fleet;

import java.util.List;

/**
 * One page of the fleet, with the whole fleet's totals (whatever the filter) and how many kiosks match the filter.
 *
 * @param page the page shown: the asked one, or the last when it asked beyond
 */
public record FleetPage(Totals totals, List<KioskView> kiosks, int matching, int page, int pages, int pageSize,
                        List<String> sites) {

    /** {@code alerting}: kiosks with an open alert or a printer fault, online or not. */
    public record Totals(int kiosks, int online, int offline, int alerting) {
    }
}
