package org.consentledger.notice;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.consentledger.edge.ClientOrigin;
import org.consentledger.edge.ClientOrigins;
import org.consentledger.edge.RateLimits;
import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.jurisdiction.JurisdictionResolver;
import org.consentledger.jurisdiction.RegimeChoice;
import org.consentledger.jurisdiction.Regimes;
import org.consentledger.jurisdiction.RulesVersion;
import org.eclipse.microprofile.context.ManagedExecutor;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The banner's first call, {@code GET /api/v1/sites/{siteKey}/notice}, as a plain Vert.x route,
 * for the banner's requests, which carry no token: served before the framework's proactive
 * authentication and without the REST layer's work per request, on the event loop when the site,
 * the rules and the rendering are held in memory, else on a worker thread. It answers as
 * {@link NoticeResource} does (which serves requests with a token, and carries the OpenAPI entry):
 * the same limits, origin check, ETag, 304, {@code Cache-Control} and {@code Vary}, through
 * {@link BannerAnswers}.
 */
@ApplicationScoped
class NoticeRoute {

    /** Before the proactive authentication, a filter at route order -200. */
    static final int BEFORE_AUTHENTICATION = -250;

    @Inject SiteNotices notices;
    @Inject NoticeRequests requests;
    @Inject JurisdictionResolver jurisdictions;
    @Inject ClientOrigins origins;
    @Inject RateLimits limits;
    @Inject Regimes regimes;
    @Inject BannerAnswers answers;
    @Inject ManagedExecutor workers;

    void register(@Observes Router router) {
        router.get("/api/v1/sites/:siteKey/notice").order(BEFORE_AUTHENTICATION).produces("application/json")
                .handler(context -> {
                    if (context.request().headers().contains(HttpHeaders.AUTHORIZATION)) {
                        context.next();
                    } else {
                        handle(context);
                    }
                });
    }

    void handle(RoutingContext context) {
        CompletionStage<Notice> serving;
        try {
            serving = serve(context);
        } catch (Throwable e) {
            serving = CompletableFuture.failedFuture(e);
        }
        serving.whenComplete((notice, failure) -> {
            try {
                if (failure == null) {
                    answer(context, notice);
                } else {
                    answers.refuse(context, failure);
                }
            } catch (Throwable e) {
                answers.internalError(context, e);
            }
        });
    }

    private CompletionStage<Notice> serve(RoutingContext context) {
        String siteKey = context.pathParam("siteKey");
        UnaryOperator<String> header = name -> BannerAnswers.header(context, name);
        ClientOrigin client = origins.of(context.request());
        limits.admitClient(NoticeResource.ROUTE, client, 1);
        Jurisdiction location = jurisdictions.resolve(header, client.viaTrustedProxy());
        Optional<SiteNotice> held = notices.held(siteKey);
        Optional<RulesVersion> rules = regimes.heldRules();
        String lang = context.queryParams().get("lang");
        if (held.isPresent() && rules.isPresent()) {
            SiteNotice site = held.get();
            requests.admit(site, client, header);
            List<String> preferences = NoticeRequests.preferences(lang, header);
            RegimeChoice choice = Regimes.choose(rules.get(), location, site.regimeOverrides());
            Optional<Notice> notice = notices.heldForVisitor(site, choice, preferences);
            if (notice.isPresent()) {
                return CompletableFuture.completedFuture(notice.get());
            }
            // The first time this snapshot renders it so: the rendering is stored before it is shown.
            return BannerAnswers.onRequestContext(workers.supplyAsync(() -> notices.forVisitor(site, choice, preferences)));
        }
        return BannerAnswers.onRequestContext(workers.supplyAsync(() -> notices.inRequestContext(
                () -> requests.render(siteKey, location, lang, header, client))));
    }

    /** 200 with the notice, or 304 when the banner's copy is current; both say how to cache it. */
    private void answer(RoutingContext context, Notice notice) throws Exception {
        String etag = '"' + NoticeResource.etag(notice) + '"';
        HttpServerResponse response = context.response().putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").putHeader(HttpHeaders.VARY, requests.vary());
        if (matches(BannerAnswers.header(context, "If-None-Match"), etag)) {
            answers.send(context, response.setStatusCode(304), null);
        } else {
            answers.json(context, notice);
        }
    }

    /** If-None-Match compares weakly (RFC 9110, 13.1.2): "*", or any listed tag, W/ or not. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.equals("*") || (candidate.startsWith("W/") ? candidate.substring(2) : candidate).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
