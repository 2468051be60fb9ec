package io.closeloop.chassis.directory;

import io.closeloop.contracts.Roles;
import java.util.Optional;

/**
 * Who may own a control failure at a site, in every stage: a Keycloak user who exists, is enabled, holds
 * {@code leader} or {@code senior-leader}, and covers the site. Plain Java.
 */
public final class Ownership {

    private Ownership() {
    }

    /** Why this person cannot own a control failure at this site; empty when they can. */
    public static Optional<String> problem(String username, Optional<Directory.Person> found, String site) {
        if (found.isEmpty()) {
            return Optional.of(username + " is not a known user");
        }
        Directory.Person person = found.get();
        if (!person.enabled()) {
            return Optional.of(username + " is disabled");
        }
        if (!person.roles().contains(Roles.LEADER) && !person.roles().contains(Roles.SENIOR_LEADER)) {
            return Optional.of(username + " holds neither leader nor senior-leader");
        }
        if (!person.sites().contains(site)) {
            return Optional.of(username + " does not cover site " + site);
        }
        return Optional.empty();
    }
}
