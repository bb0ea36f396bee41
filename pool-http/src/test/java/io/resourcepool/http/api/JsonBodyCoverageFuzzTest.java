package io.resourcepool.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.resourcepool.api.Bytes;
import io.resourcepool.http.server.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Coverage-guided: any bytes as the body of each endpoint that reads JSON give the parsed request or a 400 problem
 * naming what is wrong, never a failure the API would answer with a 500. The first byte picks the endpoint, the rest
 * is the body. Replays its inputs in every build; {@code scripts/fuzz} fuzzes it.
 */
class JsonBodyCoverageFuzzTest {
    private static final Route ROUTE = Route.post("/v1/fuzz", Route.Body.JSON, call -> Answer.empty());

    /** Every parser of a JSON body, in the order the first byte picks them. */
    static final List<Function<ApiCall, Object>> PARSERS = List.of(
            AuthEndpoints.Login::read,
            UserEndpoints.NewUser::read,
            JoinTokenEndpoints::ttl,
            JobSpecReader.DETACHED::read,
            JobSpecReader.SYNCHRONOUS::read);

    @FuzzTest(maxDuration = "5m")
    void anyBodyIsReadOrRefusedWithA400(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Function<ApiCall, Object> parser = PARSERS.get(Math.floorMod(input[0], PARSERS.size()));
        ApiCall call = new ApiCall(ROUTE, Map.of(), Map.of(), Optional.empty(), "127.0.0.1:1", Bytes.copyOf(Arrays.copyOfRange(input, 1, input.length)));
        Object parsed;
        try {
            parsed = parser.apply(call);
        } catch (RuntimeException refused) {
            Problem problem = Failures.toProblem(refused, call);
            assertThat(problem.status()).as("the answer to %s", refused).isEqualTo(400);
            assertThat(problem.detail()).isNotBlank();
            return;
        }
        assertThat(parsed).isNotNull();
    }
}
