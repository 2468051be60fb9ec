package io.closeloop.action.plan;

/** The RCA2 action types, each at its level of the action hierarchy. */
public enum ActionType {
    ARCHITECTURAL_CHANGE(Strength.STRONG),
    FORCING_FUNCTION(Strength.STRONG),
    SIMPLIFIED_PROCESS(Strength.STRONG),
    STANDARDISED_EQUIPMENT_OR_PROCESS(Strength.STRONG),
    LEADERSHIP_INVOLVEMENT(Strength.STRONG),
    REDUNDANCY(Strength.INTERMEDIATE),
    STAFFING_OR_WORKLOAD(Strength.INTERMEDIATE),
    SOFTWARE_CHANGE(Strength.INTERMEDIATE),
    FEWER_DISTRACTIONS(Strength.INTERMEDIATE),
    SIMULATION_TRAINING(Strength.INTERMEDIATE),
    CHECKLIST_OR_COGNITIVE_AID(Strength.INTERMEDIATE),
    STANDARDISED_COMMUNICATION(Strength.INTERMEDIATE),
    DOUBLE_CHECK(Strength.WEAK),
    WARNING(Strength.WEAK),
    NEW_POLICY_OR_MEMO(Strength.WEAK),
    TRAINING(Strength.WEAK);

    private final Strength strength;

    ActionType(Strength strength) {
        this.strength = strength;
    }

    public Strength strength() {
        return strength;
    }
}
