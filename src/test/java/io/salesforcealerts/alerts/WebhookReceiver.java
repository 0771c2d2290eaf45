package io.salesforcealerts.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** Stands for the webhook, Slack and Teams endpoints: records every request and answers 200 unless told otherwise. */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Request(String path, String idempotencyKey, String contentType, String body, int answeredWith) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Integer> nextStatuses = new ConcurrentLinkedDeque<>();
    private volatile CountDownLatch hold;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() throws IOException {
        return start(0);
    }

    public static WebhookReceiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            CountDownLatch held = receiver.hold;
            if (held != null) {
                // a hung endpoint: the request is recorded as never answered (status 0), then waits for release()
                receiver.requests.add(new Request(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body, 0));
                try {
                    held.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            Integer next = receiver.nextStatuses.poll();
            int status = next == null ? 200 : next;
            receiver.requests.add(new Request(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
            byte[] answer = (status == 200 ? "ok" : "{\"error\":\"status " + status + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return receiver;
    }

    /** The next requests are answered with these statuses, in order; then 200 again. */
    public void answerNext(int... statuses) {
        for (int s : statuses) {
            nextStatuses.add(s);
        }
    }

    /** From now on requests are recorded (answered with 0) and hang without an answer until {@link #release()}. */
    public void hang() {
        hold = new CountDownLatch(1);
    }

    /** Ends {@link #hang()}: hung requests get their connection closed, new ones are answered normally. */
    public void release() {
        CountDownLatch held = hold;
        hold = null;
        if (held != null) {
            held.countDown();
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Requests answered 2xx, i.e. notifications the receiver accepted. */
    public List<Request> accepted(String path) {
        return requests(path).stream().filter(r -> r.answeredWith() == 200).toList();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
