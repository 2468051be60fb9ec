package io.closeloop.chassis.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    @Test
    void anEnabledLeaderCoveringTheSiteMayOwn() {
        assertThat(Ownership.problem("leader.north", person(true, Set.of("leader"), Set.of("north")), "north"))
                .isEmpty();
        assertThat(Ownership.problem("senior", person(true, Set.of("senior-leader"), Set.of("north", "south")),
                "south")).isEmpty();
    }

    @Test
    void namesWhyAnyoneElseMayNot() {
        assertThat(Ownership.problem("x", Optional.empty(), "north")).contains("x is not a known user");
        assertThat(Ownership.problem("l", person(false, Set.of("leader"), Set.of("north")), "north"))
                .contains("l is disabled");
        assertThat(Ownership.problem("r", person(true, Set.of("reviewer"), Set.of("north")), "north"))
                .contains("r holds neither leader nor senior-leader");
        assertThat(Ownership.problem("l", person(true, Set.of("leader"), Set.of("north")), "south"))
                .contains("l does not cover site south");
        assertThat(Ownership.problem("s", person(true, Set.of("senior-leader"), Set.of()), "north"))
                .contains("s does not cover site north");
    }

    private static Optional<Directory.Person> person(boolean enabled, Set<String> roles, Set<String> sites) {
        return Optional.of(new Directory.Person("kc-1", "someone", enabled, roles, sites));
    }
}
