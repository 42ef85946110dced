package vn.motcua.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.motcua.protocol.event.RatingLevel;

import java.util.List;

/**
 * The signed, versioned, retained site configuration. The agent applies a version only as a whole.
 *
 * @param ratingScale   5 or 3
 * @param announce      how the hall display calls numbers aloud; {@code null} when the configuration does not say
 *                      (configurations older than the field), which means {@link Announce#DEFAULT}.
 * @param priorityAge   from this age (in whole years) a citizen's ID card gives the elderly priority; null: the
 *                      kiosk's default ({@link #DEFAULT_PRIORITY_AGE}).
 * @param publicBaseUrl where phones reach central's public ticket page ({@code <publicBaseUrl>/t/<ticketId>}), or
 *                      null: the ticket's QR then opens the kiosk's LAN page
 * @param alertAhead    how many places from the front the public ticket page alerts the citizen (1–20), or null for
 *                      {@link #DEFAULT_ALERT_AHEAD}
 * @param satisfaction  how central's satisfaction report after Decision 766/QĐ-TTg scores this site's ratings;
 *                      null: its defaults. Read by central only.
 * @param idleCounterMinutes a counter signed in with citizens waiting for its services that calls nobody for this
 *                      many minutes raises an alert on central (1–{@link #MAX_IDLE_COUNTER_MINUTES}); null:
 *                      {@link #DEFAULT_IDLE_COUNTER_MINUTES}. Read by central only.
 *                      <p>Every optional field is left out of the JSON when null, so a configuration signed before
 *                      the field existed still verifies byte for byte.
 */
public record SiteConfig(long version, String siteName, List<Service> services, List<Counter> counters,
                         List<Officer> officers, List<Procedure> procedures, int ratingScale,
                         List<String> notices, @JsonInclude(JsonInclude.Include.NON_NULL) Announce announce,
                         String sig,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Integer priorityAge,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String publicBaseUrl,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Integer alertAhead,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Satisfaction satisfaction,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Integer idleCounterMinutes) {
    public static final int DEFAULT_PRIORITY_AGE = 60;
    public static final int DEFAULT_IDLE_COUNTER_MINUTES = 15;
    public static final int MAX_IDLE_COUNTER_MINUTES = 240;
    public static final int MIN_PRIORITY_AGE = 50;
    public static final int MAX_PRIORITY_AGE = 100;
    public static final int DEFAULT_ALERT_AHEAD = 3;
    public static final int MAX_ALERT_AHEAD = 20;
    public static final int PUBLIC_BASE_URL_MAX = 200;

    /** A configuration with none of the optional fields; the {@code with…} copies add them. */
    public SiteConfig(long version, String siteName, List<Service> services, List<Counter> counters,
                      List<Officer> officers, List<Procedure> procedures, int ratingScale, List<String> notices,
                      String sig) {
        this(version, siteName, services, counters, officers, procedures, ratingScale, notices, null, sig, null,
                null, null, null, null);
    }

    public SiteConfig {
        services = List.copyOf(services);
        counters = List.copyOf(counters);
        officers = List.copyOf(officers);
        procedures = List.copyOf(procedures);
        notices = List.copyOf(notices);
    }

    /** The same configuration as version {@code v} with signature {@code signature} (null: unsigned). */
    public SiteConfig signed(long v, String signature) {
        return new SiteConfig(v, siteName, services, counters, officers, procedures, ratingScale, notices, announce,
                signature, priorityAge, publicBaseUrl, alertAhead, satisfaction, idleCounterMinutes);
    }

    /** The same configuration with another signature (null for the bytes that are signed). */
    public SiteConfig withSig(String signature) {
        return signed(version, signature);
    }

    public SiteConfig withAnnounce(Announce a) {
        return new SiteConfig(version, siteName, services, counters, officers, procedures, ratingScale, notices, a,
                sig, priorityAge, publicBaseUrl, alertAhead, satisfaction, idleCounterMinutes);
    }

    public SiteConfig withPriorityAge(Integer age) {
        return new SiteConfig(version, siteName, services, counters, officers, procedures, ratingScale, notices,
                announce, sig, age, publicBaseUrl, alertAhead, satisfaction, idleCounterMinutes);
    }

    public SiteConfig withPublicPage(String baseUrl, Integer ahead) {
        return new SiteConfig(version, siteName, services, counters, officers, procedures, ratingScale, notices,
                announce, sig, priorityAge, baseUrl, ahead, satisfaction, idleCounterMinutes);
    }

    public SiteConfig withSatisfaction(Satisfaction rules) {
        return new SiteConfig(version, siteName, services, counters, officers, procedures, ratingScale, notices,
                announce, sig, priorityAge, publicBaseUrl, alertAhead, rules, idleCounterMinutes);
    }

    public SiteConfig withIdleCounterMinutes(Integer minutes) {
        return new SiteConfig(version, siteName, services, counters, officers, procedures, ratingScale, notices,
                announce, sig, priorityAge, publicBaseUrl, alertAhead, satisfaction, minutes);
    }

    /** How numbers are called aloud at this site: as configured, or the default. */
    public Announce announceOrDefault() {
        return announce == null ? Announce.DEFAULT : announce;
    }

    /**
     * Numbers called aloud on the hall display after the chime.
     *
     * @param enabled whether the display speaks at all (the chime still sounds)
     * @param volume  0-100, of the display's full volume
     */
    public record Announce(boolean enabled, int volume) {
        public static final int MAX_VOLUME = 100;
        public static final Announce DEFAULT = new Announce(true, 80);

        public Announce {
            if (volume < 0 || volume > MAX_VOLUME) {
                throw new IllegalArgumentException("announce.volume " + volume + " must be 0-100");
            }
        }
    }

    /** Minutes without a call after which a signed-in counter with citizens waiting is idle: as set, or the default. */
    public int idleCounterMinutesOrDefault() {
        return idleCounterMinutes == null ? DEFAULT_IDLE_COUNTER_MINUTES : idleCounterMinutes;
    }

    /** How many places from the front the public page alerts. */
    public int alertAheadOrDefault() {
        return alertAhead == null ? DEFAULT_ALERT_AHEAD : alertAhead;
    }

    /**
     * Which rating levels count as satisfied, and the grade bands of the 766 ratio (served tickets less dissatisfied
     * ratings, of served tickets). Dissatisfied is always the levels below neutral, so no level is both.
     *
     * @param satisfied levels counted as satisfied; none of them below neutral
     * @param bands     grades from a threshold in percent (inclusive); a ratio under all of them is {@code poor}
     */
    public record Satisfaction(List<RatingLevel> satisfied, List<Band> bands) {
        public static final List<String> GRADES = List.of("good", "fair", "average", "poor");

        public Satisfaction {
            satisfied = List.copyOf(satisfied);
            bands = List.copyOf(bands);
            if (satisfied.isEmpty()) {
                throw new IllegalArgumentException("satisfaction.satisfied must name at least one level");
            }
            for (RatingLevel l : satisfied) {
                if (l == RatingLevel.DISSATISFIED || l == RatingLevel.VERY_DISSATISFIED) {
                    throw new IllegalArgumentException("satisfaction.satisfied: " + l.wireName()
                            + " counts as dissatisfied");
                }
            }
        }

        /** @param minPercent 0-100 */
        public record Band(double minPercent, String grade) {
            public Band {
                if (!(minPercent >= 0 && minPercent <= 100)) {
                    throw new IllegalArgumentException("satisfaction.bands: " + minPercent + " must be 0-100");
                }
                if (!GRADES.contains(grade)) {
                    throw new IllegalArgumentException("satisfaction.bands: grade " + grade + " must be one of "
                            + GRADES);
                }
            }
        }
    }

    /**
     * A queue service; {@code prefix} is the ticket letter. The service-level fields are read by central only, and
     * each is left out of the JSON when null.
     *
     * @param targetMinutes      the waiting time (issue to first call) a citizen should not pass, 1–
     *                           {@link #MAX_TARGET_MINUTES}; null: the service has no target
     * @param longestWaitMinutes central alerts when the longest current wait passes this (1–{@link #MAX_WAIT_MINUTES});
     *                           null: the target
     * @param queueLength        central alerts when more than this many citizens wait (1–{@link #MAX_QUEUE_LENGTH});
     *                           null: no queue-length alert
     */
    public record Service(String prefix, String nameVi, String nameEn,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer targetMinutes,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer longestWaitMinutes,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer queueLength) {
        /** Eight hours: a working day. */
        public static final int MAX_TARGET_MINUTES = 480;
        public static final int MAX_WAIT_MINUTES = 720;
        public static final int MAX_QUEUE_LENGTH = 999;

        /** A service without service-level targets. */
        public Service(String prefix, String nameVi, String nameEn) {
            this(prefix, nameVi, nameEn, null, null, null);
        }

        /** The longest current wait that raises an alert, in minutes; null when neither it nor a target is set. */
        public Integer longestWaitOrTarget() {
            return longestWaitMinutes != null ? longestWaitMinutes : targetMinutes;
        }
    }

    public record Counter(String id, String nameVi, List<String> services) {
        public Counter {
            services = List.copyOf(services);
        }
    }

    public record Officer(String id, String name, String photoUrl) {
    }

    /** A procedure of the catalogue. The portal link is stored, never built from the code. */
    public record Procedure(String code, String nameVi, String nameEn, String field, String level,
                            boolean fullyOnline, String fee, String timeLimit, List<String> documents,
                            String portalUrl, String service) {
        public Procedure {
            documents = List.copyOf(documents);
        }
    }
}
