package io.closeloop.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment an overlay gives a service's container, resolved as the cluster would resolve it: ConfigMap
 * values as written, Secret values decoded. Published in this module's test jar for the end-to-end run, which
 * starts each service with exactly these names.
 */
public final class OverlayEnvironment {

    private OverlayEnvironment() {
    }

    /** Every variable of the service's container in the overlay, by name. */
    public static Map<String, String> of(String overlay, String service) {
        Manifests m = Manifests.of(overlay);
        Map<String, String> environment = new LinkedHashMap<>();
        for (Workloads.Env env : Workloads.env(m, m.get("Deployment", service))) {
            environment.put(env.name(), env.secret() == null ? env.value() : secretValue(m, env));
        }
        return environment;
    }

    private static String secretValue(Manifests m, Workloads.Env env) {
        ObjectNode secret = m.get("Secret", env.secret());
        String encoded = secret.path("data").path(env.key()).asText(null);
        if (encoded == null) {
            throw new AssertionError(m.overlay + ": Secret " + env.secret() + " has no key " + env.key());
        }
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }
}
