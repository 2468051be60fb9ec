package io.closeloop.testing;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The one place test and benchmark clients get their connection settings, so that securing the
 * broker changes one method rather than every producer, consumer and admin client.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** Connection settings for a client of the broker at {@code bootstrapServers}. */
    public static Properties config(String bootstrapServers) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}
