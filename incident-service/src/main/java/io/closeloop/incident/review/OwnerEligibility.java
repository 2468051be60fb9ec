package io.closeloop.incident.review;

import io.closeloop.chassis.directory.Directory.Person;
import io.closeloop.chassis.security.Roles;
import java.util.Optional;

/** A control failure's owner is a leader who exists, is enabled and covers the incident's site. */
public final class OwnerEligibility {

    private OwnerEligibility() {
    }

    /** Why this person cannot own a control failure at this site; empty when they can. */
    public static Optional<String> problem(String username, Optional<Person> person, String site) {
        if (person.isEmpty()) {
            return Optional.of(username + " is not a known user");
        }
        Person p = person.get();
        if (!p.enabled()) {
            return Optional.of(username + " is disabled");
        }
        if (!p.roles().contains(Roles.LEADER) && !p.roles().contains(Roles.SENIOR_LEADER)) {
            return Optional.of(username + " holds neither leader nor senior-leader");
        }
        // Senior leaders oversee every site; a leader owns controls only at the sites they cover.
        if (!p.roles().contains(Roles.SENIOR_LEADER) && !p.sites().contains(site)) {
            return Optional.of(username + " does not cover site " + site);
        }
        return Optional.empty();
    }
}
