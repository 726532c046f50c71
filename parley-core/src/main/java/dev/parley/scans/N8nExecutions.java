package dev.parley.scans;

import dev.parley.InvalidInputException;
import dev.parley.fields.InputFields;
import dev.parley.messages.StatusEvent;
import org.bson.Document;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/**
 * WhatsApp statuses in n8n's executions, read through n8n's public REST API: {@code GET
 * /api/v1/executions?includeData=true} with {@code X-N8N-API-KEY}, newest first, following
 * {@code nextCursor}. Each execution's {@code data.resultData.runData} is searched for status
 * objects ({@link MetaStatuses}); every event carries the execution id and the workflow id.
 */
public final class N8nExecutions implements StatusSource {

    public static final int DEFAULT_PAGE_SIZE = 100; // n8n allows up to 250; pages with run data get large
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final String apiKey;
    private final String workflowId;
    private final int pageSize;
    private final HttpClient http;

    /**
     * @param baseUrl    n8n's address, such as {@code https://n8n.example.com} ({@code /api/v1} may be included)
     * @param workflowId only this workflow's executions; {@code null} for all
     */
    public N8nExecutions(String baseUrl, String apiKey, String workflowId, int pageSize) {
        this.baseUrl = normalize(baseUrl);
        if (apiKey == null || apiKey.isBlank()) {
            throw new InvalidInputException("--n8n-api-key", "is required to read n8n's executions");
        }
        if (pageSize < 1 || pageSize > 250) {
            throw new InvalidInputException("page size", "must be between 1 and 250 (n8n's limit)");
        }
        this.apiKey = apiKey.trim();
        this.workflowId = workflowId == null || workflowId.isBlank() ? null : workflowId.trim();
        this.pageSize = pageSize;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public N8nExecutions(String baseUrl, String apiKey, String workflowId) {
        this(baseUrl, apiKey, workflowId, DEFAULT_PAGE_SIZE);
    }

    /** {@code https://n8n.example.com/api/v1/} → {@code https://n8n.example.com}. */
    static String normalize(String url) {
        String trimmed = url == null ? "" : url.trim().replaceAll("/+$", "");
        if (trimmed.endsWith("/api/v1")) {
            trimmed = trimmed.substring(0, trimmed.length() - "/api/v1".length());
        }
        try {
            URI uri = URI.create(trimmed);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return trimmed;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new InvalidInputException("--n8n-url", "must be n8n's http(s) address, such as https://n8n.example.com, not '" + url + "'");
    }

    @Override
    public String name() {
        return "n8n";
    }

    @Override
    public void read(Predicate<StatusPage> consumer) {
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        while (true) {
            Document page = get(cursor);
            if (!(page.get("data") instanceof List<?> executions)) {
                throw new ScanException("n8n at " + baseUrl + " answered without a \"data\" list of executions;"
                        + " check that --n8n-url is n8n's base address", false);
            }
            if (!consumer.test(statuses(executions))) {
                return;
            }
            cursor = page.get("nextCursor") == null ? null : page.get("nextCursor").toString();
            if (executions.isEmpty() || cursor == null || cursor.isBlank() || !cursors.add(cursor)) {
                return; // the last page (a repeated cursor would loop forever)
            }
        }
    }

    private StatusPage statuses(List<?> executions) {
        List<StatusEvent> events = new ArrayList<>();
        int skipped = 0;
        Instant oldest = null;
        for (Object item : executions) {
            if (!(item instanceof Document execution)) {
                continue;
            }
            Instant started = time(execution.get("startedAt"));
            if (started != null && (oldest == null || started.isBefore(oldest))) {
                oldest = started;
            }
            MetaStatuses.Origin origin = new MetaStatuses.Origin("n8n", text(execution.get("id")),
                    text(execution.get("workflowId")), started);
            Set<String> skippedHere = new HashSet<>(); // a status passes through several nodes: count it once
            for (Document status : MetaStatuses.find(runData(execution))) {
                try {
                    Optional<StatusEvent> event = MetaStatuses.toEvent(status, origin);
                    if (event.isPresent()) {
                        events.add(event.get());
                        continue;
                    }
                } catch (InvalidInputException unreadable) {
                    // counted below
                }
                if (skippedHere.add(status.get("id") + "|" + status.get("status") + "|" + status.get("timestamp"))) {
                    skipped++;
                }
            }
        }
        return new StatusPage(events, executions.size(), skipped, oldest);
    }

    private static Object runData(Document execution) {
        if (execution.get("data") instanceof Document data && data.get("resultData") instanceof Document result) {
            return result.get("runData");
        }
        return null; // an execution without data (still running, or data pruned by n8n)
    }

    private Document get(String cursor) {
        StringBuilder query = new StringBuilder("includeData=true&limit=").append(pageSize);
        if (workflowId != null) {
            query.append("&workflowId=").append(URLEncoder.encode(workflowId, StandardCharsets.UTF_8));
        }
        if (cursor != null) {
            query.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/executions?" + query))
                .timeout(REQUEST_TIMEOUT).header("X-N8N-API-KEY", apiKey).header("Accept", "application/json").GET().build();
        HttpResponse<String> response = send(request);
        int code = response.statusCode();
        if (code == 401 || code == 403) {
            throw new ScanException("n8n at " + baseUrl + " refused the API key (HTTP " + code + ");"
                    + " check --n8n-api-key (n8n: Settings > n8n API)", false);
        }
        if (code == 404) {
            throw new ScanException("n8n at " + baseUrl + " has no /api/v1/executions (HTTP 404); check --n8n-url"
                    + " (n8n's base address) and that n8n's public API is enabled", false);
        }
        if (code < 200 || code > 299) {
            throw new ScanException("n8n at " + baseUrl + " answered HTTP " + code + " to GET /api/v1/executions: "
                    + snippet(response.body()), code == 429 || code >= 500);
        }
        try {
            return Document.parse(response.body());
        } catch (RuntimeException e) {
            throw new ScanException("n8n at " + baseUrl + " answered with something other than a JSON object ("
                    + snippet(response.body()) + "); check that --n8n-url is n8n's base address", false, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new ScanException("n8n at " + baseUrl + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s", true, e);
        } catch (IOException e) {
            throw unreachable(reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScanException("interrupted while reading n8n's executions", false, e);
        }
    }

    private ScanException unreachable(String why, Exception e) {
        return new ScanException("cannot reach n8n at " + baseUrl + ": " + why + "; check --n8n-url and that n8n is running", true, e);
    }

    /** Why a request failed, from the cause chain (java.net.http often wraps the reason without a message). */
    private String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host " + URI.create(baseUrl).getHost();
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    private static String snippet(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.isEmpty() ? "(empty body)" : flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static Instant time(Object value) {
        try {
            return value == null ? null : InputFields.instant("startedAt", value);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
