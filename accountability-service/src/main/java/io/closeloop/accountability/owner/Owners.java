package io.closeloop.accountability.owner;

import io.closeloop.chassis.directory.Directory;
import jakarta.enterprise.context.ApplicationScoped;

/** Owner checks against Keycloak, through the service account. */
@ApplicationScoped
public class Owners {

    private final Directory directory;

    Owners(Directory directory) {
        this.directory = directory;
    }

    /** Throws {@link io.closeloop.chassis.directory.DirectoryUnavailable} when Keycloak cannot answer. */
    public OwnerCheck.Verdict check(String username, String site) {
        return OwnerCheck.check(username, directory.find(username), site);
    }
}
