package io.closeloop.accountability.owner;

import io.closeloop.chassis.directory.Directory;
import io.closeloop.chassis.directory.Ownership;
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

    /** The rule every stage shares ({@link Ownership}); an accepted owner keeps their Keycloak id. */
    public static Verdict check(String username, Optional<Directory.Person> found, String site) {
        return Ownership.problem(username, found, site).<Verdict>map(Refused::new)
                .orElseGet(() -> new Accepted(found.get().id(), found.get().username()));
    }
}
