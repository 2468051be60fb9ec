package io.closeloop.accountability.owner;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.chassis.directory.Directory;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnerCheckTest {

    private static Optional<Directory.Person> person(boolean enabled, Set<String> roles, Set<String> sites) {
        return Optional.of(new Directory.Person("kc-1", "leader.north", enabled, roles, sites));
    }

    @Test
    void anEnabledLeaderWhoCoversTheSiteIsAccepted() {
        assertThat(OwnerCheck.check("leader.north", person(true, Set.of("leader"), Set.of("north")), "north"))
                .isEqualTo(new OwnerCheck.Accepted("kc-1", "leader.north"));
        assertThat(OwnerCheck.check("leader.north", person(true, Set.of("senior-leader"), Set.of("north", "south")),
                "south")).isInstanceOf(OwnerCheck.Accepted.class);
    }

    @Test
    void unknownDisabledRolelessAndOtherSiteOwnersAreRefusedWithAReason() {
        assertThat(OwnerCheck.check("nobody", Optional.empty(), "north"))
                .isEqualTo(new OwnerCheck.Refused("nobody is not a known user"));
        assertThat(OwnerCheck.check("leader.north", person(false, Set.of("leader"), Set.of("north")), "north"))
                .isEqualTo(new OwnerCheck.Refused("leader.north is disabled"));
        assertThat(OwnerCheck.check("leader.north", person(true, Set.of("reviewer", "site-reporter"),
                Set.of("north")), "north"))
                .isEqualTo(new OwnerCheck.Refused("leader.north holds neither leader nor senior-leader"));
        assertThat(OwnerCheck.check("leader.north", person(true, Set.of("leader"), Set.of("south")), "north"))
                .isEqualTo(new OwnerCheck.Refused("leader.north does not cover site north"));
    }
}
