package org.safeguarding.hub.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The load balancer of {@link ClusterTest}: each request goes to the next node in turn; a node that
 * refuses the connection (dead, or not started yet) is skipped, as nginx's {@code proxy_next_upstream
 * error} does; a node that dies under a request answers 502, and the client tries again. Sends
 * {@code X-Forwarded-*} so that every node sees the proxy's address (the sign-in's redirect URI).
 */
final class RoundRobinProxy implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive");

    private final List<Integer> nodePorts;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicIntegerArray served;

    RoundRobinProxy(List<Integer> nodePorts) throws IOException {
        this.nodePorts = List.copyOf(nodePorts);
        this.served = new AtomicIntegerArray(nodePorts.size());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(threads);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many requests node {@code index} answered. */
    int served(int index) {
        return served.get(index);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int first = Math.floorMod(next.getAndIncrement(), nodePorts.size());
            for (int i = 0; i < nodePorts.size(); i++) {
                int node = (first + i) % nodePorts.size();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodePorts.get(node)
                                + exchange.getRequestURI()))
                        .timeout(Duration.ofSeconds(60))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress())
                        .header("X-Forwarded-Host", "127.0.0.1")
                        .header("X-Forwarded-Port", Integer.toString(server.getAddress().getPort()))
                        .header("X-Forwarded-Proto", "http");
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.toLowerCase().startsWith("x-forwarded-")) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
                HttpResponse<byte[]> response;
                try {
                    response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (ConnectException down) {
                    continue; // not listening: the next node
                } catch (IOException diedUnderTheRequest) {
                    answer(exchange, 502, new byte[0]);
                    return;
                }
                served.incrementAndGet(node);
                response.headers().map().forEach((name, values) -> {
                    if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                answer(exchange, response.statusCode(), response.body());
                return;
            }
            answer(exchange, 503, new byte[0]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
