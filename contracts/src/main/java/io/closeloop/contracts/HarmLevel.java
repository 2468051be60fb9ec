package io.closeloop.contracts;

public enum HarmLevel {
    NONE, LOW, MODERATE, SEVERE, DEATH
}
