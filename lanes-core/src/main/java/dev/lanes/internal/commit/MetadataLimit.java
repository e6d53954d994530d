package dev.lanes.internal.commit;

import dev.lanes.internal.offsets.OffsetMetadataCodec;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds how much commit metadata the broker accepts ({@code offset.metadata.max.bytes}) through
 * the Admin API, falling back to Kafka's default when describing broker configs is not permitted
 * or fails. Runs once, on the poller thread, before subscribing.
 */
public final class MetadataLimit {
    private static final Logger log = LoggerFactory.getLogger(MetadataLimit.class);
    private static final String BROKER_CONFIG = "offset.metadata.max.bytes";
    private static final long TIMEOUT_MS = 5_000;

    private MetadataLimit() {
    }

    public static int lookUp(Map<String, Object> consumerProperties) {
        Map<String, Object> adminProperties = new HashMap<>();
        consumerProperties.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminProperties.put(key, value);
            }
        });
        adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        try (Admin admin = Admin.create(adminProperties)) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (nodes.isEmpty()) {
                return fallback("the cluster listed no broker");
            }
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER,
                    String.valueOf(nodes.iterator().next().id()));
            Config config = admin.describeConfigs(List.of(broker)).all()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(broker);
            ConfigEntry entry = config == null ? null : config.get(BROKER_CONFIG);
            if (entry == null || entry.value() == null) {
                return fallback("the broker did not report it");
            }
            int limit = Integer.parseInt(entry.value());
            log.debug("Broker accepts {} characters of commit metadata", limit);
            return limit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback("interrupted");
        } catch (Exception e) {
            return fallback(e.toString());
        }
    }

    private static int fallback(String why) {
        log.info("Could not read {} from the broker ({}); assuming Kafka's default {}", BROKER_CONFIG, why,
                OffsetMetadataCodec.KAFKA_DEFAULT_MAX_METADATA_CHARS);
        return OffsetMetadataCodec.KAFKA_DEFAULT_MAX_METADATA_CHARS;
    }
}
