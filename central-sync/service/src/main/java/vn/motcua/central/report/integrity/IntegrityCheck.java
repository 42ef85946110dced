package vn.motcua.central.report.integrity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The flags of a period's ratings, worked out from the ratings and the tickets' calls and services. */
public final class IntegrityCheck {
    private final IntegrityConfig config;

    public IntegrityCheck(IntegrityConfig config) {
        this.config = config;
    }

    /** What the tickets' events say: when each ticket (by site and id) was last called or served, and services. */
    public record Tickets(Map<String, Instant> calledOrServed, Map<String, Instant> served,
                          Map<String, Long> servedPerCounterDay) {
        static String ticket(String site, String ticketId) {
            return site + "\u0000" + ticketId;
        }

        static String counterDay(String site, String counter, String day) {
            return site + "\u0000" + counter + "\u0000" + day;
        }
    }

    /** Every flag, by site, subject type, subject and kind; ratings within a flag oldest first. */
    public List<Flag> flags(List<Rated> ratings, Tickets tickets) {
        List<Rated> sorted = new ArrayList<>(ratings);
        sorted.sort(Comparator.comparing(Rated::at).thenComparing(Rated::eventId));
        Map<FlagKind, Set<Rated>> marked = new LinkedHashMap<>();
        marked.put(FlagKind.BURST, bursts(sorted));
        Set<Rated> never = new LinkedHashSet<>();
        Set<Rated> late = new LinkedHashSet<>();
        for (Rated r : sorted) {
            if (r.ticketId() == null) {
                continue;
            }
            String key = Tickets.ticket(r.site(), r.ticketId());
            Instant seen = tickets.calledOrServed().get(key);
            if (seen == null) {
                never.add(r);
                continue;
            }
            Instant served = tickets.served().getOrDefault(key, seen);
            if (Duration.between(served, r.at()).compareTo(config.longAfter()) > 0) {
                late.add(r);
            }
        }
        marked.put(FlagKind.NEVER_SERVED, never);
        marked.put(FlagKind.RATED_LATE, late);
        marked.put(FlagKind.ANONYMOUS_OVER_SERVED, anonymousOverServed(sorted, tickets));

        List<Flag> flags = new ArrayList<>();
        Map<String, Long> totals = new TreeMap<>();
        for (Rated r : sorted) {
            for (Subject s : Subject.values()) {
                totals.merge(key(r.site(), s, r.subject(s)), 1L, Long::sum);
            }
        }
        for (Subject s : Subject.values()) {
            marked.forEach((kind, set) -> {
                Map<String, List<Rated>> bySubject = new TreeMap<>();
                for (Rated r : set) {
                    if (!r.subject(s).isEmpty()) {
                        bySubject.computeIfAbsent(key(r.site(), s, r.subject(s)), k -> new ArrayList<>()).add(r);
                    }
                }
                bySubject.forEach((k, list) -> flags.add(new Flag(list.get(0).site(), s, list.get(0).subject(s), kind,
                        List.copyOf(list), totals.get(k), null, null)));
            });
            flags.addAll(topShare(sorted, s));
        }
        flags.sort(Comparator.comparing(Flag::site).thenComparing(Flag::subject).thenComparing(Flag::id)
                .thenComparing(Flag::kind));
        return flags;
    }

    private static String key(String site, Subject s, String id) {
        return site + "\u0000" + s.code + "\u0000" + id;
    }

    /** Ratings in any window of {@code burstWithin} on one kiosk holding more than {@code burstRatings}. */
    private Set<Rated> bursts(List<Rated> sorted) {
        Map<String, List<Rated>> byKiosk = new LinkedHashMap<>();
        sorted.forEach(r -> byKiosk.computeIfAbsent(r.site() + "\u0000" + r.kiosk(), k -> new ArrayList<>()).add(r));
        Set<Rated> out = new LinkedHashSet<>();
        for (List<Rated> list : byKiosk.values()) {
            int first = 0;
            for (int last = 0; last < list.size(); last++) {
                while (Duration.between(list.get(first).at(), list.get(last).at()).compareTo(config.burstWithin()) > 0) {
                    first++;
                }
                if (last - first + 1 > config.burstRatings()) {
                    out.addAll(list.subList(first, last + 1));
                }
            }
        }
        return out;
    }

    /** Anonymous ratings of a counter on a day when they outnumber the tickets that counter served that day. */
    private static Set<Rated> anonymousOverServed(List<Rated> sorted, Tickets tickets) {
        Map<String, List<Rated>> groups = new LinkedHashMap<>();
        for (Rated r : sorted) {
            if (r.ticketId() == null && !r.counter().isEmpty()) {
                groups.computeIfAbsent(Tickets.counterDay(r.site(), r.counter(), r.day()), k -> new ArrayList<>())
                        .add(r);
            }
        }
        Set<Rated> out = new LinkedHashSet<>();
        groups.forEach((k, list) -> {
            if (list.size() > tickets.servedPerCounterDay().getOrDefault(k, 0L)) {
                out.addAll(list);
            }
        });
        return out;
    }

    /**
     * Officers or kiosks whose count of top-level ratings is improbably high against the pooled share of the rest of
     * their site: one-sided exact binomial test, P(X >= k | n, p0) below the significance, from a minimum sample.
     * The rest's share is smoothed by one rating each way (Laplace), so a site whose other ratings have no top level
     * at all does not make every top rating infinitely improbable.
     */
    private List<Flag> topShare(List<Rated> sorted, Subject s) {
        Map<String, long[]> site = new TreeMap<>();
        Map<String, long[]> subject = new TreeMap<>();
        Map<String, List<Rated>> tops = new TreeMap<>();
        for (Rated r : sorted) {
            long top = r.top() ? 1 : 0;
            add(site, r.site(), top);
            if (!r.subject(s).isEmpty()) {
                String k = key(r.site(), s, r.subject(s));
                add(subject, k, top);
                if (r.top()) {
                    tops.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
                }
            }
        }
        List<Flag> out = new ArrayList<>();
        subject.forEach((k, counts) -> {
            String siteId = k.substring(0, k.indexOf('\u0000'));
            long[] all = site.get(siteId);
            double[] test = topShare(counts[0], counts[1], all[0], all[1]);
            if (test != null) {
                List<Rated> list = tops.get(k);
                out.add(new Flag(siteId, s, list.get(0).subject(s), FlagKind.TOP_SHARE, List.copyOf(list), counts[0],
                        test[0], test[1]));
            }
        });
        return out;
    }

    /**
     * The top-level share test of one officer or kiosk with {@code n} ratings, {@code top} of them at the top level,
     * in a site with {@code siteN} and {@code siteTop} (the subject's own included): {@code {p0, pValue}} when
     * flagged, null when not. The report of kept monthly figures runs this on the period's sums.
     */
    double[] topShare(long n, long top, long siteN, long siteTop) {
        if (n < config.topShareMinRatings() || top == 0) {
            return null;
        }
        double p0 = (siteTop - top + 1.0) / (siteN - n + 2.0);
        // at or below the rest's share P(X >= top) is at least one half (the median is at least floor(n p0)):
        // no need to sum the tail
        if (top <= n * p0 && config.topShareSignificance() <= 0.5) {
            return null;
        }
        double p = upperTail(n, top, p0);
        return p < config.topShareSignificance() ? new double[] {p0, p} : null;
    }

    private static void add(Map<String, long[]> m, String k, long top) {
        long[] c = m.computeIfAbsent(k, x -> new long[2]);
        c[0]++;
        c[1] += top;
    }

    /** P(X >= k) for X ~ Binomial(n, p), summed from the k term in log space so large n does not underflow early. */
    static double upperTail(long n, long k, double p) {
        if (k <= 0) {
            return 1;
        }
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return 1;
        }
        // a year of an officer's ratings runs to thousands: the coefficient from log-factorials, not k terms
        double logTerm = logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p)
                + (n - k) * Math.log1p(-p);
        double ratio = p / (1 - p);
        double sum = 0;
        double term = 1;
        for (long i = k; i <= n; i++) {
            sum += term;
            term *= (double) (n - i) / (i + 1) * ratio;
            if (term < 1e-18 * sum) {
                break;
            }
        }
        return Math.min(1, Math.exp(logTerm + Math.log(sum)));
    }

    /** ln m! for small m, summed once. */
    private static final double[] LOG_FACTORIALS = new double[1024];

    static {
        for (int m = 2; m < LOG_FACTORIALS.length; m++) {
            LOG_FACTORIALS[m] = LOG_FACTORIALS[m - 1] + Math.log(m);
        }
    }

    /** ln m!: from the table below 1024, above it Stirling's series, whose next term is under 1e-23. */
    static double logFactorial(long m) {
        if (m < LOG_FACTORIALS.length) {
            return LOG_FACTORIALS[(int) m];
        }
        double x = m;
        double inv = 1 / x;
        double inv2 = inv * inv;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x)
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
    }
}
