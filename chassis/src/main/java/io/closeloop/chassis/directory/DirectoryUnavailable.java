package io.closeloop.chassis.directory;

/** Keycloak could not answer a look-up; callers answer 503 rather than guess who someone is. */
public class DirectoryUnavailable extends RuntimeException {

    public DirectoryUnavailable(String message) {
        super(message);
    }
}
