package dev.lanes.micrometer;

import dev.lanes.LanesMetric;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a {@link LanesMetric} becomes a meter's id: its name, its fixed tags after the common ones,
 * its description, and a base unit only where the unit is one (bytes): Prometheus' naming appends
 * a base unit to the name, and counts of records or commits are not units there.
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

    /**
     * The metric's description; for one of several metrics sharing a name (the outcomes of
     * {@code lanes.records.ended}), one text for all of them, made of each one's tags and
     * description: a registry keeps one description per name (Prometheus' HELP line), whichever
     * meter came first.
     */
    static String description(LanesMetric metric) {
        List<LanesMetric> family = new ArrayList<>();
        for (LanesMetric other : LanesMetric.values()) {
            if (other.metricName().equals(metric.metricName())) {
                family.add(other);
            }
        }
        if (family.size() == 1) {
            return metric.description();
        }
        StringBuilder text = new StringBuilder("Records that ended, by tag:");
        for (LanesMetric member : family) {
            member.tags().forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
            text.append(": ").append(member.description());
        }
        return text.toString();
    }

    /** {@code null} for a count. */
    static String baseUnit(LanesMetric metric) {
        return metric.unit().equals("bytes") ? "bytes" : null;
    }
}
