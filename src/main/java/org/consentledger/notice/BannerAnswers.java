package org.consentledger.notice;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.consentledger.common.Problem;
import org.consentledger.common.ProblemMappers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * How the banner's routes outside the REST layer answer ({@code consent.EventRoute},
 * {@link NoticeRoute}): as the REST layer would, with the same CORS headers, the same
 * problem+json from the same mappers, and a last-resort 500 problem when answering itself fails.
 */
@ApplicationScoped
public class BannerAnswers {

    public static final String JSON = "application/json;charset=UTF-8";

    @Inject BannerCors cors;
    @Inject ProblemMappers problems;
    @Inject ObjectMapper json;

    /** Writes {@code value} as JSON with the status and headers already set on the response. */
    public void json(RoutingContext context, Object value) throws JsonProcessingException {
        byte[] body = json.writeValueAsBytes(value);
        send(context, context.response().putHeader("Content-Type", JSON), body);
    }

    /** Answers as the problem mappers would have, and returns the answer they gave. */
    public Response refuse(RoutingContext context, Throwable failure) throws JsonProcessingException {
        Response answer = problems.toResponse(failure, context.normalizedPath(), context.request());
        byte[] body = json.writeValueAsBytes(answer.getEntity());
        HttpServerResponse response = context.response().setStatusCode(answer.getStatus());
        answer.getStringHeaders().forEach((name, values) -> values.forEach(value -> response.headers().add(name, value)));
        send(context, response, body);
        return answer;
    }

    /** Ends the response with {@code body} (none when null), and the CORS headers the banner needs to read it. */
    public void send(RoutingContext context, HttpServerResponse response, byte[] body) {
        cors.addCorsHeaders(context.normalizedPath(), header(context, "Origin"), response.headers()::add,
                response.headers()::set);
        if (body == null) {
            response.end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }

    /** What the REST layer's last mapper answers when answering itself failed: never a client left waiting. */
    public void internalError(RoutingContext context, Throwable e) {
        Log.errorf(e, "Answering %s failed", context.normalizedPath());
        HttpServerResponse response = context.response();
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            response.end();
            return;
        }
        response.headers().remove("Location");
        response.setStatusCode(500).putHeader("Content-Type", Problem.MEDIA_TYPE);
        try {
            response.end(Buffer.buffer(json.writeValueAsBytes(ProblemMappers.internalErrorProblem())));
        } catch (JsonProcessingException | RuntimeException unwritable) {
            response.end();
        }
    }

    /**
     * Continues on the request's own Vert.x context, never on the writer thread or a timer's,
     * whether the stage succeeded or failed.
     */
    public static <T> CompletionStage<T> onRequestContext(CompletionStage<T> stage) {
        Context requestContext = Vertx.currentContext();
        Executor onContext = task -> requestContext.runOnContext(ignored -> task.run());
        return stage.handleAsync((value, failure) -> {
            if (failure != null) {
                throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            }
            return value;
        }, onContext);
    }

    /** A request header's values as the REST layer gives them: joined with commas, null when absent. */
    public static String header(RoutingContext context, String name) {
        List<String> values = context.request().headers().getAll(name);
        return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : String.join(",", values);
    }
}
