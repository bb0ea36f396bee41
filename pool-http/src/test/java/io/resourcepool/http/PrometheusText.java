package io.resourcepool.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests. The Prometheus Java client
 * (1.x) writes this format but has no reader for it, and no maintained Java library on Maven Central parses it (the
 * format's reference parser is Go's {@code expfmt}); so the tests check the output with this one, which follows the
 * format's description and refuses rather than skips: a malformed name, label or value, an unknown TYPE, HELP or
 * TYPE given twice or after the family's samples, samples of a family that are not together, a sample whose name
 * does not belong to its family's type, a series given twice, and histograms whose buckets are not cumulative or
 * lack {@code le="+Inf"} equal to {@code _count}.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ")(?: (.*))?");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{.*})? (\\S+)(?: (-?[0-9]+))?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Pattern VALUE = Pattern.compile("[-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?Inf|NaN");

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {}

    /** One metric family: its type, its help and its samples, in order. */
    record Family(String name, String type, String help, List<Sample> samples) {}

    private final Map<String, Family> families;

    private PrometheusText(Map<String, Family> families) {
        this.families = families;
    }

    /**
     * Parses a scrape.
     *
     * @throws IllegalArgumentException naming the line at fault
     */
    static PrometheusText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        return new Reader().read(text);
    }

    Map<String, Family> families() {
        return families;
    }

    /** The value of one series, when there is one. */
    Optional<Double> value(String sampleName, Map<String, String> labels) {
        return families.values().stream().flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(sampleName) && s.labels().equals(labels)).map(Sample::value).findFirst();
    }

    static final class Reader {
        private final Map<String, String> types = new LinkedHashMap<>();
        private final Map<String, String> helps = new LinkedHashMap<>();
        private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
        private final Set<String> series = new HashSet<>();
        private String current = "";
        private int lineNumber;

        PrometheusText read(String text) {
            for (String line : text.split("\n", -1)) {
                lineNumber++;
                if (line.isEmpty() || (line.startsWith("#") && !line.startsWith("# HELP ") && !line.startsWith("# TYPE "))) {
                    continue;
                }
                if (line.startsWith("# HELP ")) {
                    help(line);
                } else if (line.startsWith("# TYPE ")) {
                    type(line);
                } else {
                    sample(line);
                }
            }
            Map<String, Family> families = new LinkedHashMap<>();
            for (String family : union()) {
                List<Sample> own = samples.getOrDefault(family, List.of());
                String type = types.getOrDefault(family, "untyped");
                if (type.equals("histogram")) {
                    try {
                        PrometheusHistograms.check(family, own);
                    } catch (IllegalArgumentException e) {
                        fail(e.getMessage());
                    }
                }
                families.put(family, new Family(family, type, helps.getOrDefault(family, ""), List.copyOf(own)));
            }
            return new PrometheusText(families);
        }

        private Set<String> union() {
            Set<String> all = new java.util.LinkedHashSet<>(types.keySet());
            all.addAll(helps.keySet());
            all.addAll(samples.keySet());
            return all;
        }

        private void help(String line) {
            Matcher m = matched(HELP, line, "a HELP line");
            String family = m.group(1);
            if (helps.put(family, m.group(2) == null ? "" : m.group(2)) != null || samples.containsKey(family)) {
                fail("HELP for " + family + " given twice or after its samples");
            }
            checkEscapes(m.group(2) == null ? "" : m.group(2), "\\\\n");
        }

        private void type(String line) {
            Matcher m = matched(TYPE, line, "a TYPE line with a known type");
            String family = m.group(1);
            if (types.put(family, m.group(2)) != null || samples.containsKey(family)) {
                fail("TYPE for " + family + " given twice or after its samples");
            }
        }

        private void sample(String line) {
            Matcher m = matched(SAMPLE, line, "a sample: name{labels} value [timestamp]");
            String name = m.group(1);
            Map<String, String> labels = labels(m.group(2) == null ? "" : m.group(2));
            if (!VALUE.matcher(m.group(3)).matches()) {
                fail("'" + m.group(3) + "' is not a sample value");
            }
            String family = familyOf(name, labels);
            if (!family.equals(current)) {
                if (samples.containsKey(family)) {
                    fail("the samples of " + family + " are not together");
                }
                current = family;
            }
            if (!series.add(name + new TreeMap<>(labels))) {
                fail("the series " + name + labels + " is given twice");
            }
            samples.computeIfAbsent(family, f -> new ArrayList<>()).add(new Sample(name, labels, parse(m.group(3))));
        }

        /** The family a sample belongs to, by its type's naming rules. */
        private String familyOf(String name, Map<String, String> labels) {
            for (String suffix : List.of("_bucket", "_sum", "_count")) {
                String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : "";
                if (!base.isEmpty() && "histogram".equals(types.get(base))) {
                    if (suffix.equals("_bucket") && !labels.containsKey("le")) {
                        fail(name + " has no le label");
                    }
                    return base;
                }
                if (!base.isEmpty() && "summary".equals(types.get(base)) && !suffix.equals("_bucket")) {
                    return base;
                }
            }
            if ("histogram".equals(types.get(name))) {
                fail(name + " is a histogram; its samples are _bucket, _sum and _count");
            }
            return name;
        }

        private Map<String, String> labels(String braces) {
            Map<String, String> labels = new LinkedHashMap<>();
            if (braces.isEmpty()) {
                return labels;
            }
            String inner = braces.substring(1, braces.length() - 1);
            Matcher m = LABEL.matcher(inner);
            int at = 0;
            while (at < inner.length()) {
                if (!m.find(at) || m.start() != at) {
                    fail("malformed labels " + braces);
                }
                if (labels.put(m.group(1), unescape(m.group(2))) != null) {
                    fail("label " + m.group(1) + " given twice");
                }
                at = m.end();
                if (at < inner.length()) {
                    if (inner.charAt(at) != ',') {
                        fail("labels must be separated by commas: " + braces);
                    }
                    at++;
                }
            }
            return labels;
        }

        private void checkEscapes(String text, String allowed) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\\' && (i + 1 >= text.length() || allowed.indexOf(text.charAt(i + 1)) < 0)) {
                    fail("bad escape in '" + text + "'");
                }
                if (text.charAt(i) == '\\') {
                    i++;
                }
            }
        }

        private static String unescape(String value) {
            return value.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
        }

        static double parse(String value) {
            return switch (value) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(value);
            };
        }

        private Matcher matched(Pattern pattern, String line, String expected) {
            Matcher m = pattern.matcher(line);
            if (!m.matches()) {
                fail("'" + line + "' is not " + expected);
            }
            return m;
        }

        private void fail(String problem) {
            throw new IllegalArgumentException("line " + lineNumber + ": " + problem);
        }
    }
}
