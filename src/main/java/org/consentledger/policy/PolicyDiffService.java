package org.consentledger.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.common.ApiException;
import org.consentledger.common.LanguageTags;
import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;

/** Compares two policy versions of a site, in their own languages or both in one language. */
@ApplicationScoped
public class PolicyDiffService {

    private record Text(PolicyDiff.Side side, List<String> lines) {
    }

    @Inject SiteRepository sites;
    @Inject PolicyVersionRepository versions;
    @Inject PolicyTranslationRepository translations;
    @Inject PolicyDiffConfig config;
    @Inject Clock clock;

    /**
     * The diff of two versions; 422 when a side has more lines than the bound, or when the diff
     * takes longer than its time limit. It stops as soon as {@code clientGone} says nobody waits.
     */
    public PolicyDiff diff(String siteKey, UUID fromId, UUID toId, String language, BooleanSupplier clientGone) {
        Site site = sites.require(siteKey);
        PolicyVersion from = versions.requireOn(site.id, fromId);
        PolicyVersion to = versions.requireOn(site.id, toId);
        if (from.kind != to.kind) {
            throw ApiException.invalid("to", "must be a version of the same kind as from (" + from.kind + ")");
        }
        Text left = text(from, site.defaultLanguage, language);
        Text right = text(to, site.defaultLanguage, language);
        withinSize("from", left);
        withinSize("to", right);
        List<PolicyDiff.Row> rows;
        try {
            rows = LineDiff.rows(left.lines(), right.lines(), DiffDeadline.after(clock, config.timeLimit(), clientGone));
        } catch (LineDiff.Stopped e) {
            throw ApiException.beyondLimit("The versions differ in too many places to compare within the diff's time "
                    + "limit of " + config.timeLimit().toMillis() + " ms; nothing was compared");
        }
        long changed = rows.stream().filter(r -> r.tag() != PolicyDiff.Tag.EQUAL).count();
        return new PolicyDiff(left.side(), right.side(), rows, changed);
    }

    private void withinSize(String field, Text text) {
        int lines = text.lines().size();
        if (lines > config.maxLines()) {
            throw ApiException.beyondLimit(field, "A compared text may have at most " + config.maxLines()
                    + " lines; " + field + " has " + lines, "has " + lines + " lines, more than the diff's bound of "
                    + config.maxLines());
        }
    }

    /** The version's own text, or its translation into {@code language}; 404 when it has no text in it. */
    private Text text(PolicyVersion v, String siteLanguage, String language) {
        String own = v.languageOr(siteLanguage);
        if (language == null || language.equalsIgnoreCase(own)) {
            return new Text(side(v, own, null, v.sha256), lines(v.title, v.url, v.content, v.eeaAddendum));
        }
        PolicyTranslation t = translations.ofVersions(List.of(v.id)).getOrDefault(v.id, List.of()).stream()
                .filter(candidate -> candidate.language.equalsIgnoreCase(language)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Policy version " + v.id + " has no text in " + language));
        return new Text(side(v, t.language, t.id, t.sha256), lines(t.title, t.url, t.content, t.eeaAddendum));
    }

    private static PolicyDiff.Side side(PolicyVersion v, String language, UUID translationId, String sha256) {
        return new PolicyDiff.Side(v.id, v.kind, v.version, language, translationId, v.material, v.changeSummary,
                v.effectiveAt, sha256);
    }

    private static List<String> lines(String title, String url, String content, String eeaAddendum) {
        List<String> lines = new ArrayList<>();
        section(lines, "title", title);
        section(lines, "url", url);
        section(lines, "content", content);
        section(lines, "eeaAddendum", eeaAddendum);
        return lines;
    }

    private static void section(List<String> lines, String name, String text) {
        lines.add("# " + name);
        if (text != null && !text.isEmpty()) {
            lines.addAll(text.lines().toList());
        }
    }

    /** The canonical form of a language parameter, or null without one; 400 naming it when malformed. */
    static String language(String value) {
        return value == null || value.isBlank() ? null : LanguageTags.require("language", value.trim());
    }
}
