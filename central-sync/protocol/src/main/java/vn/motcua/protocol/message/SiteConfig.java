package vn.motcua.protocol.message;

import java.util.List;

/**
 * The signed, versioned, retained site configuration. The agent applies a version only as a whole.
 *
 * @param ratingScale 5 or 3
 */
public record SiteConfig(long version, String siteName, List<Service> services, List<Counter> counters,
                         List<Officer> officers, List<Procedure> procedures, int ratingScale,
                         List<String> notices, String sig) {
    public SiteConfig {
        services = List.copyOf(services);
        counters = List.copyOf(counters);
        officers = List.copyOf(officers);
        procedures = List.copyOf(procedures);
        notices = List.copyOf(notices);
    }

    /** A queue service; {@code prefix} is the ticket letter. */
    public record Service(String prefix, String nameVi, String nameEn) {
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
