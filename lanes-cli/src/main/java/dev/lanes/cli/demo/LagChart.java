package dev.lanes.cli.demo;

import static dev.lanes.cli.demo.DemoCharts.line;
import static dev.lanes.cli.demo.DemoCharts.open;
import static dev.lanes.cli.demo.DemoCharts.text;
import static dev.lanes.cli.demo.DemoHtml.format;

import dev.lanes.cli.demo.SlowKeyResult.LagSample;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The slow-key run's chart in {@link DemoHtml}'s page: Kafka's lag, Lanes' backlog and the
 * records really not ended, over time, with the time the slow key was held shaded. Inline SVG,
 * like {@link DemoCharts}.
 *
 * <p>The vertical scale is logarithmic with 0 at the bottom (a value v is drawn at
 * log10(1 + v)): the run starts with thousands of records and the point is the few left at the
 * end, which a linear scale would flatten onto the axis. Series are polylines of class
 * {@code kafka-lag}, {@code backlog} and {@code not-ended}. Stateless.
 */
final class LagChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 310;
    private static final int LEFT = 56;
    private static final int RIGHT = 24;
    private static final int TOP = 70;
    private static final int BOTTOM = 40;

    private LagChart() {
    }

    static String render(SlowKeyResult k) {
        StringBuilder b = open("lag", WIDTH, HEIGHT, "Kafka's lag and Lanes' backlog over time, one key held");
        List<LagSample> samples = k.samples();
        if (samples.isEmpty()) {
            text(b, "empty", WIDTH / 2.0, HEIGHT / 2.0, "middle", "no samples");
            return b.append("</svg>").toString();
        }
        legend(b);
        double w = WIDTH - LEFT - RIGHT;
        double h = HEIGHT - TOP - BOTTOM;
        double bottom = TOP + h;
        long max = 1;
        double last = 0;
        for (LagSample s : samples) {
            max = Math.max(max, Math.max(s.kafkaLag(), Math.max(s.backlog(), s.notEnded())));
            last = Math.max(last, s.seconds());
        }
        int decades = Math.max(1, (int) Math.ceil(Math.log10(1 + max) - 1e-9));
        double xMax = DemoCharts.timeAxis(b, Math.max(last, k.holdSeconds()), 8, LEFT, w, bottom);

        double holdX = LEFT + Math.min(k.holdSeconds(), xMax) / xMax * w;
        b.append(format("<rect class=\"hold\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\"/>\n", LEFT, TOP,
                holdX - LEFT, h));
        text(b, "hold-label", holdX - 4, TOP + 12, "end", "key " + k.slowKey() + " held");
        for (int d = 0; d <= decades; d++) {
            double y = bottom - Math.log10(1 + (d == 0 ? 0 : Math.pow(10, d))) / decades * h;
            line(b, d == 0 ? "axis" : "grid", LEFT, y, LEFT + w, y);
            text(b, "tick", LEFT - 5, y + 3, "end", d == 0 ? "0" : DemoCharts.decadeLabel(d));
        }
        double y1 = bottom - Math.log10(2) / decades * h;
        text(b, "tick", LEFT - 5, y1 + 3, "end", "1");
        line(b, "axis", LEFT, TOP, LEFT, bottom);
        text(b, "caption", LEFT, TOP - 6, "start", "records (log scale, 0 at the bottom)");
        series(b, "not-ended", samples, LagSample::notEnded, decades, xMax, w, h, bottom);
        series(b, "kafka-lag", samples, LagSample::kafkaLag, decades, xMax, w, h, bottom);
        series(b, "backlog", samples, LagSample::backlog, decades, xMax, w, h, bottom);
        annotate(b, k, decades, xMax, w, h, bottom);
        return b.append("</svg>").toString();
    }

    private static void legend(StringBuilder b) {
        b.append("<text class=\"legend\" x=\"8\" y=\"14\"><tspan class=\"kafka-lag-key\">&#9644; Kafka's lag</tspan>"
                + " end &#8722; committed offsets: what Kafka's tools and KEDA's Kafka scaler see</text>\n");
        b.append("<text class=\"legend\" x=\"8\" y=\"29\"><tspan class=\"backlog-key\">&#9644; Lanes' backlog"
                + "</tspan> the same, minus the offsets the commit metadata names as ended: what to scale on</text>\n");
        b.append("<text class=\"legend\" x=\"8\" y=\"44\"><tspan class=\"not-ended-key\">&#9476; not ended</tspan>"
                + " counted by the handler, inside the consumer: the truth</text>\n");
    }

    private static void series(StringBuilder b, String css, List<LagSample> samples, ToLongFunction<LagSample> value,
                               int decades, double xMax, double w, double h, double bottom) {
        StringBuilder points = new StringBuilder();
        for (LagSample s : samples) {
            points.append(format("%.1f,%.1f ", LEFT + s.seconds() / xMax * w,
                    y(value.applyAsLong(s), decades, h, bottom)));
        }
        if (samples.size() == 1) {
            points.append(format("%.1f,%.1f", LEFT + samples.get(0).seconds() / xMax * w + 2,
                    y(value.applyAsLong(samples.get(0)), decades, h, bottom)));
        }
        b.append("<polyline class=\"").append(css).append("\" points=\"").append(points.toString().strip())
                .append("\"/>\n");
    }

    /** Names the values where Kafka's lag overstates what is left the most. */
    private static void annotate(StringBuilder b, SlowKeyResult k, int decades, double xMax, double w, double h,
                                 double bottom) {
        LagSample at = k.mostOvercounted();
        if (at == null || at.kafkaLag() == at.notEnded()) {
            return;
        }
        double x = LEFT + at.seconds() / xMax * w;
        String anchor = x > LEFT + w * 0.7 ? "end" : "start";
        double dx = anchor.equals("end") ? -6 : 6;
        text(b, "kafka-lag-label", x + dx, y(at.kafkaLag(), decades, h, bottom) - 6, anchor,
                format("Kafka's lag %,d", at.kafkaLag()));
        text(b, "backlog-label", x + dx, y(at.backlog(), decades, h, bottom) - 6, anchor,
                format("Lanes' backlog %,d (not ended %,d)", at.backlog(), at.notEnded()));
    }

    private static double y(long value, int decades, double h, double bottom) {
        return bottom - Math.log10(1 + Math.max(0, value)) / decades * h;
    }
}
