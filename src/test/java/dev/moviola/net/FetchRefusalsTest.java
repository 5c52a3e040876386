package dev.moviola.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moviola.pipeline.Pipeline;
import dev.moviola.pipeline.RenderFailure;
import dev.moviola.pipeline.Stages;
import dev.moviola.testing.LocalHttp;
import dev.moviola.testing.Renders;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/security.md#addresses-the-server-connects-to, in the server: a source URL that leads to a non-public address is refused with ASSET_FETCH_FAILED
 * naming the element, before any connection — whatever the spelling, the DNS answer or the redirect. Names
 * resolve through a fixed table (nothing here touches the internet); {@code public.test} stands for a public
 * site (allowed by name) and is served by a local server.
 */
class FetchRefusalsTest {
    @TempDir
    Path dir;
    LocalHttp http;
    Pipeline pipeline;

    static InetAddress[] table(String host) throws UnknownHostException {
        Map<String, String[]> names = Map.of(
                "public.test", new String[] {"127.0.0.1"},
                "rebind.test", new String[] {"127.0.0.1"},
                "metadata.test", new String[] {"169.254.169.254"},
                "mixed.test", new String[] {"93.184.216.34", "10.0.0.7"},
                "six.test", new String[] {"::1"},
                "internal.test", new String[] {"10.1.2.3"});
        String[] found = names.get(host);
        if (found == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[found.length];
        for (int i = 0; i < found.length; i++) {
            out[i] = InetAddress.getByName(found[i]); // literals: no lookup
        }
        return out;
    }

    @BeforeEach
    void start() {
        http = new LocalHttp();
        Access access = new Access(true, List.of("public.test", "10.1.0.0/16"), List.of(), FetchRefusalsTest::table);
        pipeline = new Pipeline(Renders.settings(dir).withAccess(access), TestFfmpeg.ffmpeg());
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private Stages.Planned plan(String src) throws Exception {
        return Renders.planOneSource(pipeline, Renders.settings(dir), dir, "image", src);
    }

    private void assertRefused(String src, String why) {
        assertThatThrownBy(() -> plan(src)).isInstanceOfSatisfying(RenderFailure.class, f -> {
            assertThat(f.code()).isEqualTo("ASSET_FETCH_FAILED");
            assertThat(f.getMessage()).startsWith("scenes[0].elements[0].src: refused: ").containsPattern(why);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1",
            "100.64.0.1", "169.254.169.254", "224.0.0.1", "239.255.255.250", "0.0.0.0", "255.255.255.255",
            "240.0.0.1", "198.18.0.1", "192.0.2.1"})
    void ipv4RangesAreRefused(String address) {
        assertRefused("http://" + address + "/a.png", address + " is a .* address; the server connects only to public"
                + " addresses \\(an operator can allow a host or range with the fetch-allow setting\\)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "fec0::1", "2001:db8::1",
            "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:169.254.169.254", "::ffff:a00:1", "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::", "::127.0.0.1", "100::1", "2001::1"})
    void ipv6RangesAndIpv4InIpv6FormAreRefused(String address) {
        assertRefused("http://[" + address + "]/a.png", " is a ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f000001", "0177.0.0.1", "127.1", "0x7f.0.0.1", "017700000001",
            "127.000.000.001", "0x7F.1", "3232235777"})
    void otherSpellingsOfNumbersAreRefused(String host) {
        // Spellings java.net.URI cannot even read as a host are refused as such.
        assertRefused("http://" + host + "/a.png", "is not an address written as four decimal numbers|the URL has no host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost.", "LOCALHOST", "LocalHost.", "foo.localhost", "a.b.localhost."})
    void localhostNamesAreRefused(String host) {
        assertRefused("http://" + host + ":8080/a.png", "this machine \\(loopback\\)");
    }

    @Test
    void namesAreResolvedOnceAndEveryAddressChecked() {
        assertRefused("http://rebind.test/a.png", "rebind.test resolves to 127.0.0.1, a loopback address");
        assertRefused("http://metadata.test/latest/meta-data/", "169.254.169.254, a link-local \\(cloud metadata\\)");
        assertRefused("http://mixed.test/a.png", "10.0.0.7, a private address"); // one bad answer is enough
        assertRefused("https://six.test/a.png", "0:0:0:0:0:0:0:1, a loopback address");
    }

    @Test
    void aPublicSiteIsFetchedAndItsRedirectsAreCheckedAgain() throws Exception {
        int port = Integer.parseInt(http.url("").replaceAll(".*:(\\d+)/.*", "$1"));
        http.serve("a.png", TestMedia.solid(dir, "a.png", "red", 8, 8));
        // The name is allowed and resolves (through the table, never DNS) to the local server: it is fetched.
        Stages.Planned ok = plan("http://public.test:" + port + "/a.png");
        assertThat(ok.plan().scenes()).hasSize(1);

        http.redirect("to-loopback", "http://127.0.0.1:" + port + "/a.png");
        assertRefused("http://public.test:" + port + "/to-loopback", "127.0.0.1 is a loopback address");
        http.redirect("to-private-name", "http://rebind.test:" + port + "/a.png");
        assertRefused("http://public.test:" + port + "/to-private-name", "rebind.test resolves to 127.0.0.1");
        http.redirect("to-file", "file:///etc/passwd");
        assertRefused("http://public.test:" + port + "/to-file", "only http and https");
    }

    @Test
    void theOperatorsRangesAreAllowed() throws Exception {
        AddressPolicy policy = new Access(true, List.of("10.1.0.0/16", "fd00::/8"), List.of(), FetchRefusalsTest::table)
                .policy();
        assertThat(policy.resolve("internal.test")[0].getHostAddress()).isEqualTo("10.1.2.3");
        assertThat(policy.resolve("[fd00::5]")).hasSize(1);
        assertThatThrownBy(() -> policy.resolve("10.2.0.1")).isInstanceOf(Refused.class);
        assertThatThrownBy(() -> new Access(true, List.of("10.0.0.0/33"), List.of(), Resolver.SYSTEM).policy())
                .hasMessageContaining("neither a host name nor an address range");
    }

    @Test
    void theCliFetchesFromAnywhere() throws Exception {
        Pipeline cli = new Pipeline(Renders.settings(dir), TestFfmpeg.ffmpeg());
        String url = http.serve("b.png", TestMedia.solid(dir, "b.png", "blue", 8, 8));
        assertThat(Renders.planOneSource(cli, Renders.settings(dir), dir, "image", url).plan().scenes()).hasSize(1);
    }

    /** A copy the CLI fetched into a cache the server shares is not handed to the server, which may not fetch it. */
    @Test
    void aCopyInTheCacheOfASourceTheServerMayNotFetchIsRefusedToo() throws Exception {
        Pipeline cli = new Pipeline(Renders.settings(dir), TestFfmpeg.ffmpeg());
        String url = http.serve("c.png", TestMedia.solid(dir, "c.png", "green", 8, 8));
        assertThat(Renders.planOneSource(cli, Renders.settings(dir), dir, "image", url).plan().scenes()).hasSize(1);
        assertRefused(url, "127.0.0.1 is a loopback address");
    }
}
