package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tests' reader of the Prometheus text format accepts the format and refuses what breaks it, so that a pass means something. */
class PrometheusTextTest {
    private static final String VALID = """
            # HELP http_requests_total Requests, by "code".\\nSecond line
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"} 3
            # a comment
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.1"} 1
            latency_seconds_bucket{le="1.0"} 4
            latency_seconds_bucket{le="+Inf"} 5
            latency_seconds_count 5
            latency_seconds_sum 7.5
            # TYPE temperature gauge
            temperature{room="a \\"b\\" \\\\ c"} -Inf
            temperature{room="d"} NaN
            """;

    @Test
    void readsFamiliesTypesHelpAndSamples() {
        PrometheusText text = PrometheusText.parse(VALID);

        assertThat(text.families()).containsOnlyKeys("http_requests_total", "latency_seconds", "temperature");
        assertThat(text.families().get("latency_seconds").type()).isEqualTo("histogram");
        assertThat(text.value("http_requests_total", Map.of("method", "post", "code", "400"))).contains(3.0);
        assertThat(text.value("temperature", Map.of("room", "a \"b\" \\ c"))).contains(Double.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "9bad_name 1\n",
        "good{label=\"unterminated} 1\n",
        "good{label=unquoted} 1\n",
        "good{a=\"1\"b=\"2\"} 1\n",
        "good{a=\"1\",a=\"2\"} 1\n",
        "good one\n",
        "# TYPE good countr\ngood 1\n",
        "# TYPE good gauge\n# TYPE good gauge\ngood 1\n",
        "good 1\n# TYPE good gauge\n",
        "good{a=\"1\"} 1\nother 2\ngood{a=\"2\"} 3\n",
        "good 1\ngood 2\n",
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n",
        "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\nh_sum 1\n",
        "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\nh_sum 1\n",
        "# TYPE h histogram\nh 1\n",
        "# HELP good bad \\escape\ngood 1\n",
        "good 1",
    })
    void refusesWhatBreaksTheFormat(String text) {
        assertThatThrownBy(() -> PrometheusText.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
