package io.closeloop.console;

import java.net.URI;

/** The stage services the console reads and writes through. */
public enum Backend {
    INCIDENT, ACCOUNTABILITY, ACTION, VERIFICATION;

    URI baseUri(ConsoleConfig.Services services) {
        return switch (this) {
            case INCIDENT -> services.incident();
            case ACCOUNTABILITY -> services.accountability();
            case ACTION -> services.action();
            case VERIFICATION -> services.verification();
        };
    }
}
