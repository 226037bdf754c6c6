package org.consentledger.webhook;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends one delivery as Standard Webhooks say: a POST of the stored body with webhook-id,
 * webhook-timestamp and webhook-signature. A receiver gets 5 s to accept the connection and 10 s in
 * all to answer; redirects are not followed (a 3xx is a failure), and of the answer's body at most
 * 4 KB is read before the exchange is dropped, so no receiver holds a thread long or fills memory.
 */
@ApplicationScoped
public class WebhookSender {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_RESPONSE_BYTES = 4096;

    /** What an attempt came to: the status answered (null when none was), and why it failed (null: it did not). */
    record Result(Integer statusCode, String error) {
        boolean delivered() {
            return error == null;
        }
    }

    private final WebhookUrls urls;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT).build();

    WebhookSender(WebhookUrls urls) {
        this.urls = urls;
    }

    Result send(String url, List<String> secrets, Delivery delivery, Instant now) {
        URI uri;
        try {
            uri = urls.check(url); // again at each delivery: the name may point elsewhere by now
        } catch (WebhookUrls.Refused refused) {
            return new Result(null, "url refused: " + refused.getMessage());
        }
        long timestamp = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("content-type", "application/json")
                .header("webhook-id", delivery.webhookId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(secrets, delivery.webhookId(), timestamp, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8)).build();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> new FirstBytes(MAX_RESPONSE_BYTES));
        try {
            int status = exchange.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return status >= 200 && status < 300 ? new Result(status, null) : new Result(status, "answered " + status);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Result(null, "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted");
        } catch (ExecutionException e) {
            return new Result(null, failure(e.getCause()));
        }
    }

    /** A fixed text for the admins' delivery log: never an exception's name or message. */
    private static String failure(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return "could not connect";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return "TLS failed (certificate or handshake)";
        }
        return "could not send or read the answer";
    }

    /** Keeps the first {@code limit} bytes of a body and cancels the rest. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - kept.size());
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                kept.write(bytes, 0, take);
            }
            if (kept.size() >= limit) {
                subscription.cancel();
                result.complete(kept.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(kept.toByteArray());
        }
    }
}
