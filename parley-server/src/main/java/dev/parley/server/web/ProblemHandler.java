package dev.parley.server.web;

import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.parley.ConflictException;
import dev.parley.ForbiddenException;
import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;

/** The one place where failures become RFC 9457 problem+json responses. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    static final String RETRY_AFTER_SECONDS = "5";
    /** HostUnreachable, HostNotFound, NetworkTimeout, ShutdownInProgress, PrimarySteppedDown, ExceededTimeLimit, NotWritablePrimary, InterruptedAtShutdown, NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary. */
    private static final java.util.Set<Integer> TRANSIENT_CODES =
            java.util.Set.of(6, 7, 89, 91, 189, 262, 10107, 11600, 11602, 13435, 13436);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        return problem(Problems.invalid(e.field(), e.reason()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", e.getMessage()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
        return problem(Problems.of(HttpStatus.FORBIDDEN, "forbidden", e.getMessage()));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return problem(Problems.of(HttpStatus.CONFLICT, "conflict", e.getMessage()));
    }

    @ExceptionHandler(AuthenticationFailure.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationFailure e) {
        return ResponseEntity.status(e.status())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"parley\"")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(e.status(), e.status().value() == 401 ? "unauthenticated" : "forbidden", e.getMessage()));
    }

    @ExceptionHandler(RateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimited e) {
        dev.parley.platform.RateDecision d = e.decision();
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(d.retryAfterSeconds()))
                .header("RateLimit-Limit", Long.toString(d.limit()))
                .header("RateLimit-Remaining", Long.toString(d.remaining()))
                .header("RateLimit-Reset", Long.toString(d.resetSeconds()))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", e.getMessage()));
    }

    /** Redis configured but down, where the answer depends on it (revoked tokens; rate limits failing closed). */
    @ExceptionHandler(PlatformUnavailable.class)
    ResponseEntity<ProblemDetail> platformUnavailable(PlatformUnavailable e) {
        log.warn("platform unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "platform-unavailable", e.getMessage()));
    }

    /** MongoDB down or not answering in time: tell the client to come back, never hang or 500. */
    @ExceptionHandler({StoreUnavailableException.class, MongoTimeoutException.class, MongoSocketException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        log.warn("store unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                        "MongoDB is not reachable right now; retry shortly"));
    }

    /**
     * Errors the server reports about a query (bad operator, bad regex…) are the caller's input
     * errors; failover and shutdown codes mean "come back shortly".
     */
    @ExceptionHandler(MongoException.class)
    ResponseEntity<ProblemDetail> mongo(MongoException e) {
        if (e.getCode() == 11000) {
            return problem(Problems.of(HttpStatus.CONFLICT, "conflict", "a document with this key already exists"));
        }
        if (e.getCode() > 0 && !TRANSIENT_CODES.contains(e.getCode()) && !e.hasErrorLabel("RetryableWriteError")) {
            return problem(Problems.invalid("query", e.getMessage()));
        }
        return unavailable(e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(Problems.invalid(e.getName(), "is not a valid " + simpleType(e.getRequiredType())));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "unexpected error; see the server log"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(e, PayloadTooLargeException.class) != null) {
            return asObject(problem(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                    causedBy(e, PayloadTooLargeException.class).getMessage())));
        }
        String reason = e.getMostSpecificCause().getMessage();
        return asObject(problem(Problems.invalid("body", "is not valid JSON for this request"
                + (reason == null ? "" : ": " + firstLine(reason)))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "reason", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = Problems.invalid(errors.get(0).get("field"), errors.get(0).get("reason"));
        problem.setProperty("errors", errors);
        return asObject(problem(problem));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }

    private static <T extends Throwable> T causedBy(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String simpleType(Class<?> type) {
        return type == null ? "value" : type.getSimpleName().toLowerCase();
    }
}
