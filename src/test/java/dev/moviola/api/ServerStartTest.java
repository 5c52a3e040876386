package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.config.ServiceSettings;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestFfmpeg;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the server where it cannot listen: a message for the operator, and nothing stored meanwhile. */
class ServerStartTest {
    @TempDir
    Path dir;

    @Test
    void aTakenPortIsAPlainErrorAndTheFirstKeyIsMadeOnlyWhenTheServerStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> start(taken.getLocalPort()))
                    .isInstanceOf(BindException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is in use by another "
                            + "process, or the address is not this machine's; stop it, or choose another --port or --host");
        }

        try (EmbeddedServer server = start(0)) {
            // the failed start made no key: the first one is made, and shown, now
            String key = server.createdKey().orElseThrow();
            HttpResponse<String> jobs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/v1/jobs")).header("x-api-key", key).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(jobs.statusCode()).isEqualTo(200);
        }
    }

    private EmbeddedServer start(int port) throws Exception {
        return EmbeddedServer.start(Renders.settings(dir), ServiceSettings.load(Map.of("port", Integer.toString(port),
                "host", "127.0.0.1", "data-dir", dir.resolve("data").toString()), Map.of()), TestFfmpeg.ffmpeg());
    }
}
