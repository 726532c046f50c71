package dev.parley.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised before Spring MVC (by the servlet container) also answer in problem+json. A
 * request for {@code /error} itself, with no error behind it, is an unknown route (404). The
 * container's message is shown only for a 4xx and only when it names no Java type.
 */
@RestController
@PublicRoute
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            return answer(Problems.of(HttpStatus.NOT_FOUND, "not-found", "no route /error"));
        }
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null
                ? HttpStatus.valueOf(c) : HttpStatus.INTERNAL_SERVER_ERROR;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        boolean shown = status.is4xxClientError() && message != null && !message.toString().isBlank()
                && !JsonProblems.showsJava(message.toString());
        return answer(Problems.of(status, "http-" + status.value(), shown ? message.toString() : status.getReasonPhrase()));
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
