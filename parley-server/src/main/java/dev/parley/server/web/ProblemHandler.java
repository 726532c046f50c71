package dev.parley.server.web;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import dev.parley.ConflictException;
import dev.parley.ForbiddenException;
import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.store.StoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.bson.BsonMaximumSizeExceededException;
import org.bson.BsonSerializationException;
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
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import dev.parley.platform.RateDecision;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.MediaType;

/** The one place where failures become RFC 9457 problem+json responses. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    static final String RETRY_AFTER_SECONDS = "5";
    /** HostUnreachable, HostNotFound, NetworkTimeout, ShutdownInProgress, PrimarySteppedDown, ExceededTimeLimit, NotWritablePrimary, InterruptedAtShutdown, NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary. */
    private static final Set<Integer> TRANSIENT_CODES =
            Set.of(6, 7, 89, 91, 189, 262, 10107, 11600, 11602, 13435, 13436);

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
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(e.status(), e.status().value() == 401 ? "unauthenticated" : "forbidden", e.getMessage()));
    }

    @ExceptionHandler(RateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimited e) {
        RateDecision d = e.decision();
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(d.retryAfterSeconds()))
                .header("RateLimit-Limit", Long.toString(d.limit()))
                .header("RateLimit-Remaining", Long.toString(d.remaining()))
                .header("RateLimit-Reset", Long.toString(d.resetSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", e.getMessage()));
    }

    /** Redis configured but down, where the answer depends on it (revoked tokens; rate limits failing closed). */
    @ExceptionHandler(PlatformUnavailable.class)
    ResponseEntity<ProblemDetail> platformUnavailable(PlatformUnavailable e) {
        log.warn("platform unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "platform-unavailable", e.getMessage()));
    }

    /** MongoDB down or not answering in time: tell the client to come back, never hang or 500. */
    @ExceptionHandler({StoreUnavailableException.class, MongoTimeoutException.class, MongoSocketException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        log.warn("store unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
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
            return problem(Problems.invalid("query", serverMessage(e)));
        }
        return unavailable(e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(Problems.invalid(e.getName(), "is not a valid " + simpleType(e.getRequiredType())));
    }

    /**
     * Form or query parameters the servlet container could not decode (bad percent-encoding,
     * bytes that are not UTF-8, too many parameters).
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> badParameters(InvalidParameterException e, HttpServletRequest request) {
        String type = request.getContentType();
        boolean form = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        return problem(Problems.invalid(form ? "body" : "query",
                "is not valid form data: bad percent-encoding, bytes that are not UTF-8 or too many parameters"));
    }

    /** A multipart body without a boundary or cut short: the caller's malformed input. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> badMultipart(MultipartException e) {
        return problem(Problems.invalid("body", "is not valid multipart/form-data"));
    }

    /** A body read outside Spring's readers (an import's upload) failing for the body's own fault. */
    @ExceptionHandler(UncheckedIOException.class)
    ResponseEntity<ProblemDetail> bodyNotRead(UncheckedIOException e) {
        PayloadTooLargeException tooLarge = causedBy(e, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return problem(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", tooLarge.getMessage()));
        }
        MalformedBodyException malformed = causedBy(e, MalformedBodyException.class);
        if (malformed != null) {
            return problem(Problems.invalid("body", malformed.getMessage()));
        }
        return unexpected(e);
    }

    /** A document beyond MongoDB's 16 MiB once stored (what DocumentJson's size check cannot see). */
    @ExceptionHandler(BsonMaximumSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLargeToStore(BsonMaximumSizeExceededException e) {
        return problem(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "document-too-large",
                "a document would be larger than MongoDB's 16 MiB limit once stored"));
    }

    /**
     * A value the driver cannot write as BSON. DocumentJson refuses such input up front, so this is
     * a hole in those checks: logged for a fix, answered as the caller's bad input, never a 500.
     */
    @ExceptionHandler(BsonSerializationException.class)
    ResponseEntity<ProblemDetail> notStorable(BsonSerializationException e) {
        log.warn("input that passed the JSON checks could not be written as BSON", e);
        return problem(Problems.invalid("body", "holds a value that cannot be stored (BSON refuses it)"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "unexpected error; see the server log"));
    }

    /**
     * A body Spring could not read. The answer names the field and the reason only: Spring's own
     * message names the handler method and Jackson's names classes, so neither is shown.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        PayloadTooLargeException tooLarge = causedBy(e, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return asObject(problem(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", tooLarge.getMessage())));
        }
        MalformedBodyException malformed = causedBy(e, MalformedBodyException.class);
        if (malformed != null) {
            return asObject(problem(Problems.invalid("body", malformed.getMessage())));
        }
        StreamConstraintsException limit = causedBy(e, StreamConstraintsException.class);
        if (limit != null) {
            return asObject(problem(Problems.invalid("body", "is beyond Parley's JSON limits: " + JsonProblems.limit(limit))));
        }
        JacksonException jackson = causedBy(e, JacksonException.class);
        if (jackson != null) {
            return asObject(problem(Problems.invalid(JsonProblems.field(jackson), JsonProblems.reason(jackson))));
        }
        if (e.getCause() == null) { // Spring's "Required request body is missing: <handler signature>"
            return asObject(problem(Problems.invalid("body", "is required: send a JSON object")));
        }
        return asObject(problem(Problems.invalid("body", "could not be read as this request's body")));
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

    /** No route for the path: say which request missed and where the routes are listed, not Spring's "No static resource". */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "/" + e.getResourcePath();
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "no-route", "no route " + e.getHttpMethod() + " " + path
                + "; the routes are listed at /v3/api-docs (Swagger UI: /swagger-ui.html)");
        problem.setInstance(URI.create(path));
        return asObject(problem(problem));
    }

    /** Spring's own answers (405, 415, missing parameters…): their details never name Java types. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && JsonProblems.showsJava(problem.getDetail())) {
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setDetail(known == null ? "the request could not be handled" : known.getReasonPhrase());
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    /** The server's own words about a refused command, without the driver's wrapping (server address, full reply). */
    private static String serverMessage(MongoException e) {
        if (e instanceof MongoCommandException command) {
            return command.getErrorMessage();
        }
        if (e instanceof MongoWriteException write) {
            return write.getError().getMessage();
        }
        if (e instanceof MongoBulkWriteException bulk && !bulk.getWriteErrors().isEmpty()) {
            return bulk.getWriteErrors().get(0).getMessage();
        }
        return JsonProblems.showsJava(e.getMessage()) ? "the database refused the request (code " + e.getCode() + ")" : e.getMessage();
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
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

    private static String simpleType(Class<?> type) {
        return type == null ? "value" : type.getSimpleName().toLowerCase();
    }
}
