package io.closeloop.chassis.security;

import java.util.Map;
import java.util.Set;

/** The sites a query may return: all of them, or a fixed set (possibly empty, which returns nothing). */
public record SiteScope(boolean all, Set<String> sites) {

    public static final SiteScope ALL = new SiteScope(true, Set.of());

    public static SiteScope of(Set<String> sites) {
        return new SiteScope(false, Set.copyOf(sites));
    }

    public boolean includes(String site) {
        return all || sites.contains(site);
    }

    /** A JPQL condition on {@code siteField}, to be bound with {@link #parameters()}. No sites match nothing. */
    public String condition(String siteField) {
        if (all) {
            return "1 = 1";
        }
        return sites.isEmpty() ? "1 = 0" : siteField + " in :sites";
    }

    public Map<String, Object> parameters() {
        return all || sites.isEmpty() ? Map.of() : Map.of("sites", sites);
    }
}
