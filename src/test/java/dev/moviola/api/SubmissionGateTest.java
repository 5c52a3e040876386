package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import dev.moviola.testing.Slow;

/**
 * Submissions are read and checked a bounded number at a time: a burst waits its turn, and one that waits too
 * long gets 503 SERVER_BUSY with Retry-After and nothing queued.
 */
class SubmissionGateTest extends ServerTest {
    @Test
    void aSubmissionWaitsForAPlaceThenGoesThrough() throws Exception {
        SubmissionGate gate = server.service().gate();
        gate.fill();
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return call("POST", "/v2/movies", twoColours("red", "blue"), KEY);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1_000);
        assertThat(waiting).as("waits while every place is taken").isNotDone();
        gate.empty();
        assertThat(waiting.get().statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(waiting.get().body()).path("success").asBoolean()).isTrue();
    }

    @Test
    @Slow
    void aSubmissionThatWaitsTooLongIsRefusedWith503AndNothingIsQueued() throws Exception {
        SubmissionGate gate = server.service().gate();
        gate.fill();
        try {
            HttpResponse<String> busy = call("POST", "/v1/render/jobs", "{\"movie\": " + twoColours("red", "blue") + "}", KEY);
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode body = JSON.readTree(busy.body());
            assertThat(body.path("code").asText()).isEqualTo("SERVER_BUSY");
            assertThat(body.path("error").asText()).contains("send it again in a few seconds");
        } finally {
            gate.empty();
        }
        assertThat(ok("GET", "/v1/jobs", null, 200).path("jobs")).isEmpty();
        assertThat(call("GET", "/v1/jobs", null, KEY).statusCode()).as("other routes never wait").isEqualTo(200);
    }
}
