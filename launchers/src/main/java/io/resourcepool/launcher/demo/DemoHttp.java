package io.resourcepool.launcher.demo;

import io.resourcepool.api.Secret;
import io.resourcepool.launcher.client.TrustedCa;
import io.resourcepool.launcher.hub.HubRuntime;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The demo's look at the HTTP API: a login and the pool's totals over HTTPS, as curl would show them. */
final class DemoHttp {
    private DemoHttp() {}

    static void show(PrintWriter out, HubRuntime hub, String user, Secret password) throws Exception {
        URI api = hub.httpUri().orElseThrow();
        HttpClient http = HttpClient.newBuilder().sslContext(TrustedCa.context(hub.caCertificateFile())).build();
        String login = http.send(HttpRequest.newBuilder(api.resolve("/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password.reveal() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        int start = login.indexOf("\"token\":\"") + 9;
        String token = login.substring(start, login.indexOf('"', start));
        String aggregate = http.send(HttpRequest.newBuilder(api.resolve("/v1/aggregate")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        out.println();
        out.println("$ curl --cacert " + hub.caCertificateFile() + " -H 'Authorization: Bearer …' " + api + "/v1/aggregate");
        out.println(aggregate);
        out.flush();
    }
}
