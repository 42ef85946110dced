package vn.motcua.screen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The site configuration as the screen reads it from {@code GET /api/site}: the agent serves the MQTT {@code config}
 * message as it is, and the screen takes what it draws from and ignores the rest (the signature among it).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Site(long version, String siteName, List<Service> services, List<Counter> counters,
                   List<Officer> officers, List<Procedure> procedures, int ratingScale, List<String> notices,
                   Integer priorityAge) {
    /** The age from which a citizen's ID card gives the elderly priority when the site sets none. */
    public static final int DEFAULT_PRIORITY_AGE = 60;

    public Site {
        services = services == null ? List.of() : List.copyOf(services);
        counters = counters == null ? List.of() : List.copyOf(counters);
        officers = officers == null ? List.of() : List.copyOf(officers);
        procedures = procedures == null ? List.of() : List.copyOf(procedures);
        notices = notices == null ? List.of() : notices.stream().filter(Objects::nonNull).toList();
        ratingScale = ratingScale == 3 ? 3 : 5;
        priorityAge = priorityAge == null ? DEFAULT_PRIORITY_AGE : priorityAge;
    }

    public Optional<Service> service(String prefix) {
        return services.stream().filter(s -> s.prefix().equals(prefix)).findFirst();
    }

    public Optional<Officer> officer(String id) {
        return officers.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public Optional<Counter> counter(String id) {
        return counters.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Counters that call this service; at least one, so a wait estimate never divides by zero. */
    public int countersServing(String prefix) {
        return (int) Math.max(1, counters.stream().filter(c -> c.services().contains(prefix)).count());
    }

    /** The fields (lĩnh vực) in catalogue order, each once. */
    public List<String> fields() {
        return procedures.stream().map(Procedure::field).filter(Objects::nonNull).distinct().toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Service(String prefix, String nameVi, String nameEn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counter(String id, String nameVi, List<String> services) {
        public Counter {
            services = services == null ? List.of() : List.copyOf(services);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Officer(String id, String name, String photoUrl) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Procedure(String code, String nameVi, String nameEn, String field, String level,
                            boolean fullyOnline, String fee, String timeLimit, List<String> documents,
                            String portalUrl, String service) {
        public Procedure {
            documents = documents == null ? List.of() : List.copyOf(documents);
        }
    }
}
