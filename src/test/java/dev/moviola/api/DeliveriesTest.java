package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.Receiver;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Callbacks (docs/service.md#callbacks-and-webhooks) and export webhooks (docs/format.md#exports): signed, retried with backoff, every attempt listed on the job. */
class DeliveriesTest extends ServerTest {
    static final List<String> WEBHOOK_FIELDS = List.of("width", "height", "duration", "size", "url", "project", "id",
            "client-data", "status", "message");

    final Receiver receiver = new Receiver();

    @Override
    Map<String, String> settings() {
        return Map.of("delivery-retry", "0.2", "delivery-attempts", "5");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    static String withExports(String movie, String... endpointsAndTypes) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < endpointsAndTypes.length; i += 2) {
            d.append(i == 0 ? "" : ", ").append("{\"type\": \"webhook\", \"endpoint\": \"").append(endpointsAndTypes[i])
                    .append("\", \"content-type\": \"").append(endpointsAndTypes[i + 1]).append("\"}");
        }
        return movie.replaceFirst("\\{", "{\"id\": \"listing-7\", \"exports\": [{\"destinations\": [" + d + "]}], ");
    }

    /** Waits until no delivery of the job is pending; returns the job as GET /v1/jobs/{id} shows it then. */
    JsonNode awaitDeliveries(String jobId, int count) throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonNode job = ok("GET", "/v1/jobs/" + jobId, null, 200);
            JsonNode d = job.path("deliveries");
            boolean settled = d.size() == count;
            for (JsonNode x : d) {
                settled &= !x.path("status").asText().equals("pending");
            }
            if (settled) {
                return job;
            }
            assertThat(System.currentTimeMillis()).as("deliveries still pending: " + d).isLessThan(until);
            Thread.sleep(100);
        }
    }

    /** Checks {@code x-moviola-signature: t=…,v1=…} against the webhook secret the server keeps in its data dir. */
    void assertSigned(Receiver.Post post) throws Exception {
        String header = post.header("x-moviola-signature");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        assertThat(Math.abs(System.currentTimeMillis() / 1000 - t)).as("signed just now").isLessThan(120);
        byte[] secret = Files.readString(dir.resolve("data/webhook-secret")).trim().getBytes(StandardCharsets.US_ASCII);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + post.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(header.substring(header.indexOf("v1=") + 3)).as("signature of " + post.path()).isEqualTo(expected);
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheFourthAndEveryAttemptIsListed() throws Exception {
        receiver.failFirst("/flaky", 3);
        String movie = withExports(twoColours("red", "blue"), receiver.url("/hook-json"), "json",
                receiver.url("/hook-form"), "urlencoded");
        String jobId = ok("POST", "/v1/render/jobs", "{\"movie\": " + movie + ", \"callbackUrl\": \""
                + receiver.url("/flaky") + "\"}", 202).path("jobId").asText();
        JsonNode done = awaitJob(jobId);
        assertThat(done.path("status").asText()).isEqualTo("done");
        JsonNode job = awaitDeliveries(jobId, 3);

        // The callback: 3 failures, then delivered; the same signed body each time.
        List<Receiver.Post> callbacks = receiver.posts("/flaky");
        assertThat(callbacks).hasSize(4);
        for (Receiver.Post p : callbacks) {
            assertSigned(p);
            assertThat(p.header("content-type")).isEqualTo("application/json");
            assertThat(p.header("x-moviola-event")).isEqualTo("done");
            assertThat(p.body()).isEqualTo(callbacks.get(0).body());
        }
        JsonNode body = JSON.readTree(callbacks.get(3).body());
        assertThat(body.path("event").asText()).isEqualTo("done");
        assertThat(body.path("jobId").asText()).isEqualTo(jobId);
        assertThat(body.path("status").asText()).isEqualTo("done");
        assertThat(body.path("outputUrl").asText()).isEqualTo(done.path("outputUrl").asText());
        assertThat(body.path("mediaData").path("width").asInt()).isEqualTo(160);

        JsonNode callback = job.path("deliveries").get(0);
        assertThat(callback.path("kind").asText()).isEqualTo("callback");
        assertThat(callback.path("event").asText()).isEqualTo("done");
        assertThat(callback.path("url").asText()).isEqualTo(receiver.url("/flaky"));
        assertThat(callback.path("status").asText()).isEqualTo("delivered");
        assertThat(callback.path("attempts").findValuesAsText("statusCode")).containsExactly("500", "500", "500", "200");
        assertThat(callback.path("attempts").findValuesAsText("number")).containsExactly("1", "2", "3", "4");
        assertThat(callback.path("attempts").get(0).path("error").asText()).contains("HTTP 500");
        assertThat(callback.path("attempts").get(3).path("error").isNull()).isTrue();

        // The webhooks: JSON2Video's payload, numbers as strings, in JSON and form-encoded.
        Receiver.Post json = receiver.posts("/hook-json").get(0);
        assertSigned(json);
        JsonNode payload = JSON.readTree(json.body());
        assertThat(fieldNames(payload)).containsExactlyElementsOf(WEBHOOK_FIELDS);
        String size = Long.toString(done.path("mediaData").path("fileSize").asLong());
        assertThat(payload.path("width").isTextual()).isTrue();
        assertThat(List.of(payload.path("width").asText(), payload.path("height").asText(), payload.path("duration").asText(),
                payload.path("size").asText())).containsExactly("160", "90", "2", size);
        assertThat(payload.path("url").asText()).isEqualTo(done.path("outputUrl").asText());
        assertThat(payload.path("project").asText()).isEqualTo(jobId.substring(4));
        assertThat(payload.path("id").asText()).isEqualTo("listing-7");
        assertThat(payload.path("client-data").path("order").asInt()).isEqualTo(7);
        assertThat(payload.path("status").asText()).isEqualTo("done");
        assertThat(payload.path("message").asText()).isEmpty();
        download(payload.path("url").asText(), dir.resolve("from-webhook.mp4"));
        assertThat(Files.size(dir.resolve("from-webhook.mp4"))).isEqualTo(Long.parseLong(size));

        Receiver.Post form = receiver.posts("/hook-form").get(0);
        assertSigned(form);
        assertThat(form.header("content-type")).isEqualTo("application/x-www-form-urlencoded");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.body().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(fields.keySet()).containsExactlyElementsOf(WEBHOOK_FIELDS);
        assertThat(fields.get("size")).isEqualTo(size);
        assertThat(JSON.readTree(fields.get("client-data")).path("order").asInt()).isEqualTo(7);
        assertThat(job.path("deliveries").findValuesAsText("kind")).containsExactly("callback", "webhook", "webhook");
        assertThat(job.path("deliveries").findValuesAsText("status")).containsOnly("delivered");
    }

    @Test
    void failedAndCancelledJobsAreReportedAndAReceiverThatNeverAnswersIsGivenUp() throws Exception {
        receiver.failAlways("/down");
        try (LocalHttp http = new LocalHttp()) {
            String broken = """
                    {"resolution": "custom", "width": 160, "height": 90, "scenes": [
                      {"duration": 1, "elements": [{"type": "image", "src": "%s"}]}]}""".formatted(http.url("/missing.png"));
            String failedId = ok("POST", "/v1/render/jobs", "{\"movie\": " + withExports(broken, receiver.url("/hook-json"), "json")
                    + ", \"callbackUrl\": \"" + receiver.url("/down") + "\"}", 202).path("jobId").asText();
            assertThat(awaitJob(failedId).path("error").path("code").asText()).isEqualTo("ASSET_FETCH_FAILED");
            JsonNode job = awaitDeliveries(failedId, 2);
            JsonNode callback = job.path("deliveries").get(0);
            assertThat(callback.path("event").asText()).isEqualTo("failed");
            assertThat(callback.path("status").asText()).as("given up after 5 attempts").isEqualTo("failed");
            assertThat(callback.path("attempts")).hasSize(5);
            assertThat(receiver.posts("/down")).hasSize(5);
            for (Receiver.Post p : receiver.posts("/down")) {
                assertSigned(p);
            }
            JsonNode payload = JSON.readTree(receiver.posts("/hook-json").get(0).body());
            assertThat(payload.path("status").asText()).isEqualTo("error");
            assertThat(payload.path("message").asText()).contains("missing.png");
            assertThat(payload.path("url").asText()).isEmpty();
            assertThat(payload.path("width").asText()).isEmpty();
        }

        String slow = """
                {"resolution": "custom", "width": 640, "height": 360, "scenes": [
                  {"duration": 30, "elements": [{"type": "text", "text": "long"}]}]}""";
        String cancelledId = ok("POST", "/v1/render/jobs", "{\"movie\": " + slow + ", \"callbackUrl\": \""
                + receiver.url("/ok") + "\"}", 202).path("jobId").asText();
        long until = System.currentTimeMillis() + 60_000;
        while (!ok("GET", "/v1/jobs/" + cancelledId, null, 200).path("phase").asText().equals("rendering")) {
            assertThat(System.currentTimeMillis()).isLessThan(until);
            Thread.sleep(50);
        }
        ok("POST", "/v1/jobs/" + cancelledId + "/cancel", null, 200);
        JsonNode job = awaitDeliveries(cancelledId, 1);
        assertThat(job.path("deliveries").get(0).path("event").asText()).isEqualTo("cancelled");
        List<Receiver.Post> posts = receiver.posts("/ok");
        assertThat(posts).hasSize(1);
        assertThat(JSON.readTree(posts.get(0).body()).path("error").path("code").asText()).isEqualTo("CANCELLED");
    }
}
