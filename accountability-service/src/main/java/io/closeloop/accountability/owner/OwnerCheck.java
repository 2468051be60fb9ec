package io.closeloop.accountability.owner;

import io.closeloop.chassis.directory.Directory;
import io.closeloop.chassis.security.Roles;
import java.util.Optional;

/** Whether a person may own a control failure at a site. Plain Java. */
public final class OwnerCheck {

    private OwnerCheck() {
    }

    public sealed interface Verdict {
    }

    /** The person may own it; the Keycloak id and canonical username are what the accountability keeps. */
    public record Accepted(String id, String username) implements Verdict {
    }

    public record Refused(String reason) implements Verdict {
    }

    /** The user exists, is enabled, holds leader or senior-leader, and covers the site. */
    public static Verdict check(String username, Optional<Directory.Person> found, String site) {
        if (found.isEmpty()) {
            return new Refused(username + " is not a known user");
        }
        Directory.Person person = found.get();
        if (!person.enabled()) {
            return new Refused(username + " is disabled");
        }
        if (!person.roles().contains(Roles.LEADER) && !person.roles().contains(Roles.SENIOR_LEADER)) {
            return new Refused(username + " holds neither leader nor senior-leader");
        }
        if (!person.sites().contains(site)) {
            return new Refused(username + " does not cover site " + site);
        }
        return new Accepted(person.id(), person.username());
    }
}
