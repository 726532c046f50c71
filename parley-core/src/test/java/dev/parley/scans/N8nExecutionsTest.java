package dev.parley.scans;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.InvalidInputException;
import dev.parley.messages.StatusEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The n8n client against a local imitation of n8n's public API. */
class N8nExecutionsTest {

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String override;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/executions", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        queries.add(query);
        String body;
        int code = status;
        if (!"k-1".equals(exchange.getRequestHeaders().getFirst("X-N8N-API-KEY"))) {
            code = 401;
            body = "{\"message\": \"unauthorized\"}";
        } else if (override != null) {
            body = override;
        } else if (!query.contains("cursor=")) {
            body = page("c+2", execution("103", "2025-12-30T15:01:40.000Z", status("wamid.A", "read", 1767106892)),
                    execution("102", "2025-12-30T15:01:30.000Z", status("wamid.A", "delivered", 1767106885)));
        } else {
            body = page(null, execution("101", "2025-12-30T15:01:21.000Z", status("wamid.A", "sent", 1767106880)),
                    "{\"id\": \"100\", \"workflowId\": \"wf-1\", \"startedAt\": \"2025-12-30T15:00:00.000Z\"}");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static String page(String nextCursor, String... executions) {
        return "{\"data\": [" + String.join(", ", executions) + "], \"nextCursor\": "
                + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}";
    }

    static String execution(String id, String startedAt, String... statuses) {
        return """
                {"id": "%s", "finished": true, "mode": "webhook", "status": "success", "workflowId": "wf-1", "startedAt": "%s",
                 "data": {"resultData": {"runData": {"WhatsApp Webhook": [{"data": {"main": [[{"json": {"body":
                   {"object": "whatsapp_business_account", "entry": [{"changes": [{"value": {"statuses": [%s]}}]}]}}}]]}}]}}}}
                """.formatted(id, startedAt, String.join(", ", statuses));
    }

    static String status(String id, String status, long timestamp) {
        return "{\"id\": \"%s\", \"status\": \"%s\", \"timestamp\": \"%d\", \"recipient_id\": \"966540401445\"}"
                .formatted(id, status, timestamp);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void followsNextCursorAndStampsExecutionAndWorkflow() {
        List<StatusPage> pages = new ArrayList<>();
        new N8nExecutions(url() + "/api/v1/", "k-1", "wf-1", 2).read(pages::add);

        assertThat(queries).containsExactly("includeData=true&limit=2&workflowId=wf-1",
                "includeData=true&limit=2&workflowId=wf-1&cursor=c%2B2");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).events()).extracting(StatusEvent::executionId).containsExactly("103", "102");
        assertThat(pages.get(0).oldestRunAt()).isEqualTo(Instant.parse("2025-12-30T15:01:30Z"));
        assertThat(pages.get(1).executions()).isEqualTo(2);
        StatusEvent sent = pages.get(1).events().get(0);
        assertThat(sent.executionId()).isEqualTo("101");
        assertThat(sent.details().getString("workflow_id")).isEqualTo("wf-1");
        assertThat(sent.source()).isEqualTo("n8n");
    }

    @Test
    void stopsWhenTheConsumerHasEnough() {
        new N8nExecutions(url(), "k-1", null).read(page -> false);
        assertThat(queries).hasSize(1);
    }

    @Test
    void aRejectedKeyIsAClearFinalError() {
        assertThatThrownBy(() -> new N8nExecutions(url(), "wrong", null).read(p -> true))
                .isInstanceOfSatisfying(ScanException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("refused the API key (HTTP 401)").hasMessageContaining("--n8n-api-key");
    }

    @Test
    void serverErrorsAndNonJsonAnswersAreExplained() {
        status = 503;
        override = "busy";
        assertThatThrownBy(() -> new N8nExecutions(url(), "k-1", null).read(p -> true))
                .isInstanceOfSatisfying(ScanException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("answered HTTP 503").hasMessageContaining("busy");
        status = 200;
        override = "<html>login</html>";
        assertThatThrownBy(() -> new N8nExecutions(url(), "k-1", null).read(p -> true))
                .hasMessageContaining("something other than a JSON object");
    }

    @Test
    void anUnreachableN8nIsRetryable() {
        int port = server.getAddress().getPort();
        server.stop(0);
        assertThatThrownBy(() -> new N8nExecutions("http://127.0.0.1:" + port, "k-1", null).read(p -> true))
                .isInstanceOfSatisfying(ScanException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageStartingWith("cannot reach n8n at http://127.0.0.1:" + port);
    }

    @Test
    void refusesAddressesThatAreNotHttp() {
        assertThat(N8nExecutions.normalize("https://n8n.example.com/api/v1/")).isEqualTo("https://n8n.example.com");
        assertThat(N8nExecutions.normalize("http://host:5678/n8n")).isEqualTo("http://host:5678/n8n");
        assertThatThrownBy(() -> N8nExecutions.normalize("n8n.example.com")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--n8n-url");
        assertThatThrownBy(() -> new N8nExecutions("http://h", " ", null)).hasMessageContaining("--n8n-api-key");
    }
}
