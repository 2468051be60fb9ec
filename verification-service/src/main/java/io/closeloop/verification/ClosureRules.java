package io.closeloop.verification;

import io.closeloop.chassis.problem.RuleViolation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Independence of verifiers and the closure gate. Plain Java. */
public final class ClosureRules {

    private ClosureRules() {
    }

    public static void checkOpen(VerificationStatus status) {
        if (status != VerificationStatus.OPEN) {
            throw RuleViolation.conflict("The verification is " + status + ", not OPEN");
        }
    }

    /** A verifier never verifies a control they own. */
    public static void checkIndependentVerifier(String verifier, String owner) {
        if (verifier.equals(owner)) {
            throw RuleViolation.unprocessable("A verifier cannot verify a control they own");
        }
    }

    /** An owner never signs off the closure of their own controls. */
    public static void checkIndependentSignOff(String signer, Collection<String> owners) {
        if (owners.contains(signer)) {
            throw RuleViolation.unprocessable("An owner of a control under test cannot sign off the closure");
        }
    }

    /**
     * Why the incident cannot close yet; empty when every control under test has a check and the latest check of
     * each passed.
     */
    public static List<String> reasonsNotToClose(Set<UUID> targets, Map<UUID, Outcome> latestOutcomes) {
        List<String> reasons = new ArrayList<>();
        for (UUID target : targets) {
            Outcome outcome = latestOutcomes.get(target);
            if (outcome == null) {
                reasons.add("control failure " + target + " has no check");
            } else if (outcome != Outcome.PASSED) {
                reasons.add("control failure " + target + " failed its latest check");
            }
        }
        return reasons;
    }
}
