package org.consentledger.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.DaemonThreads;

/**
 * Sends one delivery as Standard Webhooks say: a POST of the stored body with webhook-id,
 * webhook-timestamp and webhook-signature, to the address just checked ({@link PinnedPost}). A
 * receiver gets 5 s to accept the connection and 10 s in all to answer; redirects are not followed
 * (a 3xx is a failure), and of the answer only the status line is read, within its first 4 KB, so
 * no receiver holds a thread long or fills memory.
 */
@ApplicationScoped
public class WebhookSender {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** What an attempt came to: the status answered (null when none was), and why it failed (null: it did not). */
    record Result(Integer statusCode, String error) {
        boolean delivered() {
            return error == null;
        }
    }

    private final WebhookUrls urls;
    private final PinnedPost post;

    @Inject
    WebhookSender(WebhookUrls urls) {
        this(urls, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    WebhookSender(WebhookUrls urls, SSLSocketFactory tls) {
        this.urls = urls;
        ScheduledThreadPoolExecutor deadlines = (ScheduledThreadPoolExecutor) DaemonThreads.scheduler("webhook-deadline", 1);
        deadlines.setRemoveOnCancelPolicy(true); // a delivery's deadline leaves with it, not 10 s later
        this.post = new PinnedPost(tls, CONNECT_TIMEOUT, REQUEST_TIMEOUT, deadlines);
    }

    Result send(String url, List<String> secrets, Delivery delivery, Instant now) {
        WebhookUrls.Target target;
        try {
            target = urls.target(url); // again at each delivery: the name may point elsewhere by now
        } catch (WebhookUrls.Refused refused) {
            return new Result(null, "url refused: " + refused.getMessage());
        }
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "consent-ledger-webhooks");
        headers.put("webhook-id", delivery.webhookId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.header(secrets, delivery.webhookId(), timestamp, delivery.payload()));
        try {
            int status = post.post(target, headers, delivery.payload().getBytes(StandardCharsets.UTF_8));
            return status >= 200 && status < 300 ? new Result(status, null) : new Result(status, "answered " + status);
        } catch (IOException e) {
            return new Result(null, failure(e));
        }
    }

    /** A fixed text for the admins' delivery log: never an exception's name or message. */
    private static String failure(IOException cause) {
        if (cause instanceof PinnedPost.NoAnswer) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "could not connect";
        }
        if (cause instanceof SocketTimeoutException) {
            return "timed out"; // the connection was not accepted in time
        }
        if (cause instanceof SSLException) {
            return "TLS failed (certificate or handshake)";
        }
        return "could not send or read the answer";
    }
}
