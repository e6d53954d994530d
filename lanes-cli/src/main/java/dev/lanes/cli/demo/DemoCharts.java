package dev.lanes.cli.demo;

import static dev.lanes.cli.demo.DemoHtml.escape;
import static dev.lanes.cli.demo.DemoHtml.format;

import dev.lanes.cli.demo.DemoResult.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * The charts of {@link DemoHtml}'s page, drawn as inline SVG: no script and no library, so the
 * page stays one file that opens offline. SVG without {@code xmlns}, as HTML5 allows inline,
 * since the page must name no URL at all. Sizes are in {@code viewBox} units and the page's CSS
 * scales them down on narrow screens; colours come from that CSS, through classes.
 *
 * <p>Stateless: static methods only, safe to call from any thread.
 */
final class DemoCharts {

    /** The most points one timeline draws: more is wider than the chart has pixels. */
    static final int MAX_POINTS = 600;

    private static final int BARS_WIDTH = 980;
    private static final int BARS_TOP = 10;
    private static final int BAR_ROW = 24;
    private static final int BARS_AXIS = 40;
    private static final int VALUE_MARGIN = 190;

    private static final int TL_WIDTH = 360;
    private static final int TL_HEIGHT = 224;
    private static final int TL_LEFT = 40;
    private static final int TL_RIGHT = 44;
    private static final int TL_TOP = 40;
    /** Room under the plot: the time axis, its caption, and a line that explains drops to 0. */
    private static final int TL_BOTTOM = 48;

    private DemoCharts() {
    }

    /** How a chart names a strategy: its label, concurrency and partitions. */
    static String caption(DemoStrategy s) {
        return s.label() + " @" + s.concurrency() + ", " + s.partitions() + (s.partitions() == 1 ? " partition"
                : " partitions");
    }

    /**
     * One horizontal bar per result, in the run's order, its length the log10 of its records per
     * second: the rates span three decades or more, and on a linear scale the slow rows would not
     * show. Bars have class {@code bar}; decade gridlines class {@code decade}.
     */
    static String throughput(DemoRun run) {
        List<DemoResult> results = run.results();
        int n = results.size();
        int labelWidth = Math.max(120, Math.min(400, 16 + 7 * results.stream()
                .mapToInt(r -> caption(r.strategy()).length()).max().orElse(0)));
        int height = BARS_TOP + Math.max(1, n) * BAR_ROW + BARS_AXIS;
        StringBuilder b = open("throughput", BARS_WIDTH, height, "records per second per strategy, log scale");
        if (n == 0) {
            text(b, "empty", BARS_WIDTH / 2.0, height / 2.0, "middle", "no results");
            return b.append("</svg>").toString();
        }
        double[] rates = results.stream().mapToDouble(r -> r.recordsPerSecond(run.events())).toArray();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double rate : rates) {
            if (drawable(rate)) {
                min = Math.min(min, Math.log10(rate));
                max = Math.max(max, Math.log10(rate));
            }
        }
        // The scale starts a decade below the slowest rate, so even that bar has a visible length.
        int lo = min > max ? 0 : (int) Math.ceil(min) - 1;
        int hi = min > max ? 1 : Math.max(lo + 1, (int) Math.ceil(max));
        double plotWidth = BARS_WIDTH - labelWidth - VALUE_MARGIN;
        double decade = plotWidth / (hi - lo);
        double bottom = BARS_TOP + n * BAR_ROW;
        for (int e = lo; e <= hi; e++) {
            double x = labelWidth + (e - lo) * decade;
            line(b, "decade", x, BARS_TOP - 4, x, bottom);
            text(b, "tick", x, bottom + 14, "middle", decadeLabel(e));
            for (int m = 2; m <= 9 && e < hi; m++) {
                double minor = x + Math.log10(m) * decade;
                line(b, "minor", minor, BARS_TOP - 4, minor, bottom);
            }
        }
        text(b, "caption", labelWidth + plotWidth / 2, bottom + 32, "middle",
                "records per second (log scale)");
        for (int i = 0; i < n; i++) {
            DemoResult r = results.get(i);
            double y = BARS_TOP + i * BAR_ROW;
            text(b, "label", labelWidth - 8, y + BAR_ROW / 2.0 + 4, "end", caption(r.strategy()));
            String value = drawable(rates[i]) ? rateLabel(rates[i]) + " rec/s" : "no rate";
            double end = labelWidth;
            if (drawable(rates[i])) {
                double width = (Math.log10(rates[i]) - lo) * decade;
                String kind = !r.complete() ? "incomplete"
                        : r.strategy().kind() == DemoStrategy.Kind.LANES ? "lanes" : "plain";
                b.append(format("<rect class=\"bar %s\" data-name=\"%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                                + "height=\"%d\"/>\n", kind, escape(r.strategy().name()), (double) labelWidth, y + 3,
                        width, BAR_ROW - 6));
                end += width;
            }
            if (r.extrapolated()) {
                value += " (extrapolated)";
            }
            if (!r.complete()) {
                value += " \u2014 incomplete";
            }
            text(b, "value", end + 6, y + BAR_ROW / 2.0 + 4, "start", value);
        }
        return b.append("</svg>").toString();
    }

    /**
     * Handler calls in flight over time, the strategy's limit dashed across, and the records
     * completed as a faint area on a right-hand scale: whether a strategy reaches its concurrency,
     * and whether it holds it until the end.
     *
     * <p>The processed scale tops at {@code processedTop} on every chart of a run (the run's event
     * count), so the same count is the same height everywhere; it has its own ticks, since the
     * gridlines follow the in-flight scale. Samples where nothing was in flight between the first
     * and the last call are real, not a drawing artefact: a plain consumer handles its records on
     * the poll thread, so between two batches it commits synchronously and waits for the next
     * fetch with nothing in flight (the sequential row's first fetch returns few records, and
     * the next one comes tens of milliseconds later). A Lanes row keeps fetching while it works, so
     * there the line only says what was seen. They are marked under the axis and counted.
     *
     * @param processedTop the top of the processed scale, shared by the run's charts
     */
    static String timeline(DemoResult result, long processedTop) {
        DemoStrategy s = result.strategy();
        StringBuilder b = open("timeline", s.name(), TL_WIDTH, TL_HEIGHT, "in flight over time: " + caption(s));
        text(b, "title", 8, 15, "start", caption(s));
        List<Sample> samples = result.timeline();
        if (samples.isEmpty()) {
            text(b, "empty", TL_WIDTH / 2.0, TL_HEIGHT / 2.0, "middle", "no samples");
            return b.append("</svg>").toString();
        }
        double w = TL_WIDTH - TL_LEFT - TL_RIGHT;
        double h = TL_HEIGHT - TL_TOP - TL_BOTTOM;
        double bottom = TL_TOP + h;
        int limit = s.effectiveConcurrency();
        int peak = 0;
        long done = 0;
        double last = 0;
        for (Sample sample : samples) {
            peak = Math.max(peak, sample.inFlight());
            done = Math.max(done, sample.processed());
            last = Math.max(last, sample.seconds());
        }
        b.append(format("<text class=\"sub\" x=\"8\" y=\"30\"><tspan class=\"inflight-key\">in flight</tspan> "
                + "(left) peak %,d &#183; <tspan class=\"processed-key\">processed</tspan> (right) %,d of %,d</text>\n",
                peak, done, result.records()));

        double step = Math.max(1, niceStep(Math.max(1, Math.max(peak, limit)), 4));
        int steps = (int) Math.ceil(Math.max(1, Math.max(peak, limit)) / step - 1e-9);
        double yMax = steps * step;
        long top = Math.max(1, Math.max(processedTop, done));
        double pStep = Math.max(1, niceStep(top, 4));
        double pMax = Math.ceil(top / pStep - 1e-9) * pStep;

        for (int i = 0; i <= steps; i++) {
            double y = bottom - i * h / steps;
            line(b, i == 0 ? "axis" : "grid", TL_LEFT, y, TL_LEFT + w, y);
            text(b, "tick", TL_LEFT - 4, y + 3, "end", number(i * step, step));
        }
        line(b, "axis processed-axis", TL_LEFT + w, TL_TOP, TL_LEFT + w, bottom);
        int pSteps = (int) Math.round(pMax / pStep);
        for (int i = 0; i <= pSteps; i++) {
            double y = bottom - i * h / pSteps;
            line(b, "axis", TL_LEFT + w, y, TL_LEFT + w + 3, y);
            text(b, i == pSteps ? "tick processed-top" : "tick", TL_LEFT + w + 5, y + 3, "start",
                    compact(i * pStep));
        }
        line(b, "axis", TL_LEFT, TL_TOP, TL_LEFT, bottom);
        double xMax = timeAxis(b, last, 5, TL_LEFT, w, bottom);
        idleMarks(b, result, samples, xMax, w, bottom);

        List<Sample> points = downsample(samples, MAX_POINTS);
        StringBuilder area = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (Sample p : points) {
            double x = TL_LEFT + p.seconds() / xMax * w;
            area.append(format("%.1f,%.1f ", x, bottom - p.processed() / pMax * h));
            line.append(format("%.1f,%.1f ", x, bottom - p.inFlight() / yMax * h));
        }
        double firstX = TL_LEFT + points.get(0).seconds() / xMax * w;
        double lastX = TL_LEFT + points.get(points.size() - 1).seconds() / xMax * w;
        b.append(format("<polygon class=\"processed\" points=\"%.1f,%.1f %s%.1f,%.1f\"/>\n", firstX, bottom,
                area, lastX, bottom));
        if (points.size() == 1) {
            // A one-point polyline draws nothing.
            Sample only = points.get(0);
            b.append(format("<circle class=\"inflight\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>\n", firstX,
                    bottom - only.inFlight() / yMax * h));
        } else {
            b.append("<polyline class=\"inflight\" points=\"").append(line.toString().strip()).append("\"/>\n");
        }

        double ly = bottom - limit / yMax * h;
        b.append(format("<line class=\"limit\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                + "stroke-dasharray=\"5 3\"/>\n", (double) TL_LEFT, ly, TL_LEFT + w, ly));
        String label = "limit " + s.concurrency() + (limit == s.concurrency() ? "" : ", effective " + limit);
        // At the top of the plot the label goes under its line, where there is room.
        text(b, "limit-label", TL_LEFT + w - 3, ly - TL_TOP < 12 ? ly + 11 : ly - 3, "end", label);
        return b.append("</svg>").toString();
    }

    /**
     * The time axis under a plot that starts at {@code left} and is {@code w} wide: ticks at a
     * nice step up to the first one at or after {@code seconds}, and its caption.
     *
     * @param ticks about how many steps
     * @return the axis's end, in seconds: where {@code left + w} is
     */
    static double timeAxis(StringBuilder b, double seconds, int ticks, double left, double w, double bottom) {
        double span = seconds > 0 ? seconds : 1;
        double step = niceStep(span, ticks);
        double end = Math.ceil(span / step - 1e-9) * step;
        int steps = (int) Math.round(end / step);
        for (int i = 0; i <= steps; i++) {
            double x = left + i * w / steps;
            line(b, "axis", x, bottom, x, bottom + 4);
            text(b, "tick", x, bottom + 14, "middle", number(i * step, step));
        }
        text(b, "caption", left + w / 2, bottom + 27, "middle", "seconds since the start");
        return end;
    }

    /**
     * Marks, under the time axis, each sample with nothing in flight between the first call and
     * the last, and says once why there are any (see {@link #timeline}).
     */
    private static void idleMarks(StringBuilder b, DemoResult result, List<Sample> samples, double xMax, double w,
                                  double bottom) {
        int first = -1;
        int lastBusy = -1;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).inFlight() > 0) {
                first = first < 0 ? i : first;
                lastBusy = i;
            }
        }
        int idle = 0;
        for (int i = first + 1; first >= 0 && i < lastBusy; i++) {
            if (samples.get(i).inFlight() == 0) {
                double x = TL_LEFT + samples.get(i).seconds() / xMax * w;
                line(b, "idle", x, bottom + 1, x, bottom + 5);
                idle++;
            }
        }
        if (idle > 0) {
            // At most ~60 characters: the chart is 360 units wide.
            String why = result.strategy().kind() == DemoStrategy.Kind.LANES ? "none running, records left"
                    : "between batches (commit, poll)";
            text(b, "idle-note", 8, TL_HEIGHT - 5, "start", format("%d sample%s at 0 in flight (red): %s", idle,
                    idle == 1 ? "" : "s", why));
        }
    }

    /**
     * At most {@code max} samples (one more for the last), one per run of consecutive samples:
     * the one with the most in flight, since a peak is what the chart must not lose.
     */
    static List<Sample> downsample(List<Sample> samples, int max) {
        int n = samples.size();
        if (n <= max) {
            return samples;
        }
        List<Sample> out = new ArrayList<>(max + 1);
        for (int bucket = 0; bucket < max; bucket++) {
            int from = (int) ((long) bucket * n / max);
            int to = (int) ((long) (bucket + 1) * n / max);
            Sample top = samples.get(from);
            for (int i = from + 1; i < to; i++) {
                if (samples.get(i).inFlight() > top.inFlight()) {
                    top = samples.get(i);
                }
            }
            out.add(top);
        }
        // The processed area must reach the end of the run.
        if (out.get(out.size() - 1) != samples.get(n - 1)) {
            out.add(samples.get(n - 1));
        }
        return out;
    }

    private static boolean drawable(double rate) {
        return Double.isFinite(rate) && rate > 0;
    }

    /** A step of 1, 2 or 5 × 10^k that covers {@code max} in at most {@code ticks} steps. */
    static double niceStep(double max, int ticks) {
        double raw = max / ticks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    static String decadeLabel(int exponent) {
        if (exponent < 0) {
            return "0." + "0".repeat(-exponent - 1) + "1";
        }
        String[] suffixes = {"", "k", "M", "G", "T"};
        int group = Math.min(exponent / 3, suffixes.length - 1);
        return "1" + "0".repeat(exponent - 3 * group) + suffixes[group];
    }

    private static String rateLabel(double rate) {
        return format(rate >= 100 ? "%,.0f" : rate >= 10 ? "%.1f" : "%.2f", rate);
    }

    /** The tick value with as many decimals as its step needs. */
    static String number(double value, double step) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return format("%,." + decimals + "f", value);
    }

    static String compact(double value) {
        String s = value >= 1e6 ? format("%.1fM", value / 1e6)
                : value >= 1e3 ? format("%.1fk", value / 1e3) : format("%.0f", value);
        return s.replace(".0", "");
    }

    static StringBuilder open(String css, int width, int height, String label) {
        return open(css, null, width, height, label);
    }

    /** @param name what the chart shows (a strategy's name), as {@code data-name}; or null */
    static StringBuilder open(String css, String name, int width, int height, String label) {
        return new StringBuilder(4096).append(format("<svg class=\"%s\"%s viewBox=\"0 0 %d %d\" width=\"%d\" "
                + "height=\"%d\" role=\"img\" aria-label=\"%s\">\n", css,
                name == null ? "" : " data-name=\"" + escape(name) + "\"", width, height, width, height,
                escape(label)));
    }

    static void line(StringBuilder b, String css, double x1, double y1, double x2, double y2) {
        b.append(format("<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", css, x1, y1,
                x2, y2));
    }

    static void text(StringBuilder b, String css, double x, double y, String anchor, String text) {
        b.append(format("<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n", css, x, y,
                anchor, escape(text)));
    }
}
