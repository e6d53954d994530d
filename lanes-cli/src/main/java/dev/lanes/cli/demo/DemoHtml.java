package dev.lanes.cli.demo;

import java.util.Locale;

/**
 * A {@code lanes demo} run as one self-contained HTML page: the results table, a throughput
 * chart and one in-flight chart per strategy ({@link DemoCharts}), and how to read them.
 *
 * <p>The page must open from a file on a machine without network, years later, so it fetches
 * nothing: CSS inline, charts as inline SVG drawn here, no script, no link, no font. Every text
 * that comes from the run is escaped, and the page is plain ASCII (other characters as numeric
 * references), so it reads the same whatever charset the file ends up written or served in.
 *
 * <p>Stateless: static methods only, safe to call from any thread.
 */
final class DemoHtml {

    static final String TITLE = "Lanes demo \u2014 the article's load test, reproduced";

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
                   max-width: 1120px; margin: 2rem auto; padding: 0 1rem; }
            h1 { font-size: 1.5rem; margin-bottom: .4rem; }
            h2 { font-size: 1.15rem; margin-top: 2rem; }
            ul.meta { list-style: none; padding: 0; color: #57606a; }
            table.results { border-collapse: collapse; font-variant-numeric: tabular-nums; width: 100%; }
            th, td { padding: .3rem .45rem; border-bottom: 1px solid #d0d7de; text-align: left;
                     vertical-align: top; }
            th { background: #f6f8fa; font-weight: 600; hyphens: manual; }
            th.num { text-align: right; }
            td.num { text-align: right; white-space: nowrap; }
            td code { font-size: .8em; color: #57606a; white-space: nowrap; }
            td.ok { white-space: nowrap; }
            @media (max-width: 900px) {
              body { font-size: 13px; }
              table.results { font-size: 12px; }
              th, td { padding: .25rem .25rem; }
            }
            tr.incomplete td { background: #fff1f0; }
            .ok { color: #1a7f37; }
            .fail { color: #b42318; font-weight: 600; }
            .small { color: #6e7781; font-size: .85em; }
            code { font-size: .9em; }
            svg { max-width: 100%; height: auto; }
            svg text { font-size: 12px; fill: #1f2328; }
            svg text.tick, svg text.sub, svg text.caption { font-size: 10px; fill: #57606a; }
            svg text.title { font-weight: 600; }
            svg text.value { font-size: 11px; }
            svg text.empty { fill: #8c959f; }
            rect.bar.lanes { fill: #2f6fdb; }
            rect.bar.plain { fill: #8c959f; }
            rect.bar.incomplete { fill: #d1242f; }
            line.decade { stroke: #afb8c1; }
            line.minor { stroke: #eaeef2; }
            line.grid { stroke: #eaeef2; }
            line.axis { stroke: #8c959f; }
            line.limit { stroke: #d1242f; stroke-width: 1.2; }
            svg text.limit-label { font-size: 10px; fill: #d1242f; }
            polyline.inflight { fill: none; stroke: #2f6fdb; stroke-width: 1.4; stroke-linejoin: round; }
            circle.inflight { fill: #2f6fdb; }
            polygon.processed { fill: #8c959f; fill-opacity: .18; stroke: #8c959f; stroke-opacity: .5; }
            tspan.inflight-key { fill: #2f6fdb; font-weight: 600; }
            tspan.processed-key { fill: #6e7781; font-weight: 600; }
            .multiples { display: flex; flex-wrap: wrap; gap: 14px; }
            line.idle { stroke: #d1242f; stroke-width: 1.5; }
            svg text.idle-note { font-size: 10px; fill: #d1242f; }
            svg text.legend { font-size: 11px; fill: #57606a; }
            rect.hold { fill: #fff1e5; }
            svg text.hold-label { font-size: 11px; fill: #bc4c00; }
            polyline.kafka-lag { fill: none; stroke: #d1242f; stroke-width: 2; }
            polyline.backlog { fill: none; stroke: #2f6fdb; stroke-width: 2; }
            polyline.not-ended { fill: none; stroke: #57606a; stroke-width: 1.2; stroke-dasharray: 4 3; }
            tspan.kafka-lag-key, svg text.kafka-lag-label { fill: #d1242f; font-weight: 600; }
            tspan.backlog-key, svg text.backlog-label { fill: #2f6fdb; font-weight: 600; }
            tspan.not-ended-key { fill: #57606a; font-weight: 600; }
            """;

    private DemoHtml() {
    }

    /** The whole page, from {@code <!DOCTYPE html>} on. */
    static String render(DemoRun run) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(TITLE)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(TITLE)).append("</h1>\n<ul class=\"meta\">\n")
                .append("<li>Machine: ").append(escape(run.machine())).append("</li>\n")
                .append("<li>Workload: ").append(escape(run.workload())).append("</li>\n")
                .append("<li>").append(format("%,d", run.events())).append(" events per strategy, ")
                .append(format("%,.1f", run.totalWorkSeconds()))
                .append(" s of simulated work in total (the sequential ideal)</li>\n</ul>\n");
        table(b, run);
        b.append("<h2>Throughput per strategy</h2>\n")
                .append("<p class=\"small\">Records per second over all the events, log scale: each gridline is "
                        + "ten times the one before.</p>\n")
                .append(DemoCharts.throughput(run)).append('\n');
        b.append("<h2>In flight over time</h2>\n")
                .append("<p class=\"small\">Handler calls running at once (blue, left scale, sampled every "
                        + "10 ms) against the strategy's limit (dashed), and records completed (grey area, right "
                        + "scale: the same for every chart, the run's events).</p>\n")
                .append("<div class=\"multiples\">\n");
        long processedTop = run.results().stream().mapToLong(DemoResult::distinct).max().orElse(0);
        for (DemoResult result : run.results()) {
            b.append(DemoCharts.timeline(result, Math.max(run.events(), processedTop))).append('\n');
        }
        b.append("</div>\n");
        if (run.slowKey() != null) {
            slowKey(b, run.slowKey());
        }
        howToRead(b, run);
        return b.append("</body>\n</html>\n").toString();
    }

    /**
     * Ten columns that fit the page from 800 px up, without a scrollbar: the strategy's name sits
     * under its label, the effective concurrency in brackets beside the configured one, and long
     * cells wrap (the page's CSS), so the conclusion columns are never off to the side.
     */
    private static void table(StringBuilder b, DemoRun run) {
        b.append("<h2>Results</h2>\n<table class=\"results\">\n<thead><tr>")
                .append("<th>strategy</th><th class=\"num\">parti&#173;tions</th>")
                .append("<th class=\"num\">consumers &#215; threads</th>")
                .append("<th class=\"num\">concur&#173;rency</th><th class=\"num\">wall s</th>")
                .append("<th class=\"num\">records/s</th><th class=\"num\">speed-up</th>")
                .append("<th class=\"num\">effi&#173;ciency</th><th>article</th><th>count check</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (DemoResult r : run.results()) {
            DemoStrategy s = r.strategy();
            String concurrency = format("%,d", s.concurrency()) + (s.effectiveConcurrency() == s.concurrency()
                    ? "" : format(" (%,d)", s.effectiveConcurrency()));
            b.append(r.complete() ? "<tr>" : "<tr class=\"incomplete\">")
                    .append("<td>").append(escape(s.label())).append("<br><code>").append(escape(s.name()))
                    .append("</code></td>")
                    .append(num(format("%d", s.partitions())))
                    .append(num(escape(s.shape())))
                    .append(num(concurrency));
            b.append("<td class=\"num\">").append(finite("%,.2f", r.wallSeconds()))
                    .append(r.extrapolated() ? "*" : "").append("</td>")
                    .append(num(finite("%,.0f", r.recordsPerSecond(run.events()))))
                    .append(num(finite("%,.1f&#215;", run.speedUp(r))))
                    .append(num(finite("%.0f %%", r.efficiency() * 100)))
                    .append("<td>").append(escape(s.article())).append("</td>");
            countCheck(b, r);
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n<p class=\"small\">");
        for (DemoResult r : run.results()) {
            if (r.extrapolated()) {
                b.append("* <code>").append(escape(r.strategy().name())).append("</code>: extrapolated from ")
                        .append(format("%,d", r.records())).append(" records (measured ")
                        .append(finite("%,.2f", r.measuredSeconds())).append(" s) by their work to all ")
                        .append(format("%,d", run.events())).append(". ");
            }
        }
        b.append("Concurrency: as configured, in brackets what the partitions allow.</p>\n");
    }

    private static void slowKey(StringBuilder b, SlowKeyResult k) {
        b.append("<h2>One slow key: Kafka's lag against Lanes' backlog</h2>\n<p>The article's one limitation of a "
                        + "parallel consumer: &#8220;Kafka lag based HPA is difficult to achieve due to incorrect "
                        + "Kafka lag count.&#8221; Here Lanes (KEY order, ")
                .append(format("%d at once, %d partitions) drains the %,d events while the %,d records of key ",
                        k.concurrency(), k.partitions(), k.events(), k.slowRecords()))
                .append("<code>").append(escape(k.slowKey())).append("</code>")
                .append(format(" are held for %.1f s; every other key flows. ", k.holdSeconds()))
                .append("Every ").append(SlowKeyRun.SAMPLE_EVERY_MILLIS).append(" ms the demo reads, from outside "
                        + "through the Admin API as an autoscaler would, Kafka's lag of the group and Lanes' "
                        + "backlog. Kafka's lag cannot pass the held record's offset, so it keeps counting every "
                        + "finished record above it; the backlog subtracts the offsets the commit metadata names "
                        + "as ended, and follows what is really left (both move at commits, every second by "
                        + "default).</p>\n");
        SlowKeyResult.LagSample at = k.mostOvercounted();
        if (at != null) {
            b.append("<p class=\"small\">").append(format("At %.1f s: Kafka's lag %,d, ", at.seconds(), at.kafkaLag()))
                    .append(format("Lanes' backlog %,d, ", at.backlog()))
                    .append(format("records not ended %,d.", at.notEnded())).append("</p>\n");
        }
        if (k.note() != null) {
            b.append("<p class=\"fail\">").append(escape(k.note())).append("</p>\n");
        }
        b.append(LagChart.render(k)).append('\n');
    }

    private static void countCheck(StringBuilder b, DemoResult r) {
        String counts = format("%,d / %,d", Math.min(r.distinct(), r.records()), r.records());
        if (r.complete()) {
            b.append("<td class=\"ok\">").append(counts).append(" &#10003;</td>");
            return;
        }
        b.append("<td><span class=\"fail\">&#10007; incomplete</span> ").append(counts);
        if (r.note() != null) {
            b.append("<br><span class=\"fail\">").append(escape(r.note())).append("</span>");
        }
        b.append("</td>");
    }

    private static void howToRead(StringBuilder b, DemoRun run) {
        b.append("<h2>How to read it</h2>\n<p>The demo is the article's load test, time-scaled: ");
        run.results().stream().filter(r -> r.strategy().kind() == DemoStrategy.Kind.SEQUENTIAL).findFirst()
                .ifPresentOrElse(seq -> b.append("the sequential row's ").append(finite("%,.1f", seq.wallSeconds()))
                                .append(" s stand for the article's 20 h, and every other row scales the same way"),
                        () -> b.append("the article's 20 h correspond to the sequential row (not run here), "
                                + "and every other row scales the same way"));
        b.append(". The speed-up is the sequential wall time over the row's. The efficiency is the ideal "
                        + "time at the strategy's effective concurrency (the work divided among that many "
                        + "handlers at once) over its wall time: 100&#160;% is as fast as that concurrency allows, "
                        + "whatever the concurrency. The effective concurrency is capped by the partition count "
                        + "for the strategies that run one record at a time per partition (the plain consumers "
                        + "and Lanes PARTITION); Lanes KEY and UNORDERED are capped only by their limit. "
                        + "A row marked extrapolated was measured on a sample of the events and its wall time "
                        + "scaled by work to all of them. A row whose count check fails did not process every "
                        + "record and does not count.</p>\n");
    }

    private static String num(String html) {
        return "<td class=\"num\">" + html + "</td>";
    }

    /** The number formatted, or blank when it is NaN or infinite (no sequential row, a zero time). */
    private static String finite(String pattern, double value) {
        return Double.isFinite(value) ? format(pattern, value) : "";
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /**
     * The text for HTML content or a quoted attribute value: {@code & < > " '} escaped, non-ASCII
     * characters as numeric references, controls and unpaired surrogates as U+FFFD; {@code null} as blank.
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c == '\n' || c == '\r' || c == '\t' || c >= 0x20 && c < 0x7f) {
                        b.append((char) c);
                    } else if (c < 0xa0 || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                        // C0/C1 controls and unpaired surrogates are not characters a page may carry
                        b.append("&#65533;");
                    } else {
                        b.append("&#").append(c).append(';');
                    }
                }
            }
        });
        return b.toString();
    }
}
