package dev.parley.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem details with Parley's type URIs and field-level errors. */
public final class Problems {

    private static final String TYPE_BASE = "https://parley.dev/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        return problem;
    }

    /** A 400 naming the bad field and why. */
    public static ProblemDetail invalid(String field, String reason) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-input", field + ": " + reason);
        problem.setProperty("field", field);
        problem.setProperty("reason", reason);
        problem.setProperty("errors", List.of(Map.of("field", field, "reason", reason)));
        return problem;
    }
}
