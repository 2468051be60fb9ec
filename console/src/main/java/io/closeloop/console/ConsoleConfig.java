package io.closeloop.console;

import io.smallrye.config.ConfigMapping;
import java.net.URI;

/** Where the four stage services are; the console calls each with the signed-in user's access token. */
@ConfigMapping(prefix = "closeloop.console")
public interface ConsoleConfig {

    Services services();

    interface Services {
        URI incident();

        URI accountability();

        URI action();

        URI verification();
    }
}
