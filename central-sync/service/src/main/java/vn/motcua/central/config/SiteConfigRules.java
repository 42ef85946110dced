package vn.motcua.central.config;

import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.web.Lang;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.message.SiteConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What central asks of a configuration before it signs it, beyond the wire contract: one capital letter per service,
 * no id used twice, every counter serving services that exist. The agent's decoder stays as lenient as before so a
 * kiosk keeps accepting the configurations it already runs; central simply stops publishing ones that cannot work.
 * Each refusal names the field as the form shows it, e.g. {@code services[1].prefix}, and says what is wrong in the
 * page's language: the office worker who filled the form reads it next to the field.
 */
final class SiteConfigRules {
    private static final Pattern PREFIX = Pattern.compile("[A-Z]");

    private SiteConfigRules() {
    }

    static void check(SiteConfig c, Lang lang) {
        Set<String> prefixes = new HashSet<>();
        List<SiteConfig.Service> services = c.services();
        for (int i = 0; i < services.size(); i++) {
            String prefix = services.get(i).prefix();
            String field = "services[" + i + "].prefix";
            if (!PREFIX.matcher(prefix).matches()) {
                throw new BadParameterException(field, String.format(lang.t("rule.prefixFormat"), prefix));
            }
            if (!prefixes.add(prefix)) {
                throw new BadParameterException(field, String.format(lang.t("rule.prefixTwice"), prefix));
            }
        }
        Set<String> counterIds = new HashSet<>();
        List<SiteConfig.Counter> counters = c.counters();
        for (int i = 0; i < counters.size(); i++) {
            SiteConfig.Counter counter = counters.get(i);
            if (!counterIds.add(counter.id())) {
                throw new BadParameterException("counters[" + i + "].id",
                        String.format(lang.t("rule.counterTwice"), counter.id()));
            }
            for (int j = 0; j < counter.services().size(); j++) {
                String prefix = counter.services().get(j);
                if (!prefixes.contains(prefix)) {
                    throw new BadParameterException("counters[" + i + "].services[" + j + "]",
                            String.format(lang.t("rule.unknownService"), prefix));
                }
            }
        }
        if (c.satisfaction() != null) {
            List<RatingLevel> satisfied = c.satisfaction().satisfied();
            for (int i = 0; i < satisfied.size(); i++) {
                if (!satisfied.get(i).allowedOn(c.ratingScale())) {
                    throw new BadParameterException("satisfaction.satisfied[" + i + "]", String.format(
                            lang.t("rule.satisfiedLevel"), satisfied.get(i).wireName(), c.ratingScale()));
                }
            }
        }
        Set<String> officerIds = new HashSet<>();
        List<SiteConfig.Officer> officers = c.officers();
        for (int i = 0; i < officers.size(); i++) {
            if (!officerIds.add(officers.get(i).id())) {
                throw new BadParameterException("officers[" + i + "].id",
                        String.format(lang.t("rule.officerTwice"), officers.get(i).id()));
            }
        }
    }
}
