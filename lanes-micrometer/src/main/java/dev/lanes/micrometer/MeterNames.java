package dev.lanes.micrometer;

import dev.lanes.LanesMetric;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a {@link LanesMetric} becomes a meter's id: its name, its fixed tags after the common ones,
 * and a base unit only where the unit is one (bytes): Prometheus' naming appends a base unit to
 * the name, and counts of records or commits are not units there.
 */
final class MeterNames {
    private MeterNames() {
    }

    static Tags tags(LanesMetric metric, Tags common) {
        List<Tag> fixed = new ArrayList<>();
        for (Map.Entry<String, String> tag : metric.tags().entrySet()) {
            fixed.add(Tag.of(tag.getKey(), tag.getValue()));
        }
        return common.and(fixed);
    }

    /** {@code null} for a count. */
    static String baseUnit(LanesMetric metric) {
        return metric.unit().equals("bytes") ? "bytes" : null;
    }
}
