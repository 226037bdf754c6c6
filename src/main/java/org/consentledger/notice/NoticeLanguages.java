package org.consentledger.notice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.consentledger.bannertext.BuiltInTexts;
import org.consentledger.common.LanguageTags;

/**
 * What a notice needs to answer in the visitor's language, read with the rest of the site: its
 * default language, the translations of its current documents, and its latest banner-text
 * override set per language.
 */
public record NoticeLanguages(String defaultLanguage, Map<UUID, List<NoticeDocument>> translations,
        Map<String, Map<String, String>> overrides) {

    /** The languages the banner's texts exist in: built in, overridden by the site, and the site's default. */
    Set<String> textLanguages() {
        Set<String> languages = new LinkedHashSet<>(BuiltInTexts.LANGUAGES);
        languages.addAll(overrides.keySet());
        languages.add(defaultLanguage);
        return languages;
    }

    /** The language of the texts: the best match for the visitor, else the site's default. */
    String choose(List<String> preferences) {
        return LanguageTags.best(preferences, textLanguages()).orElse(defaultLanguage);
    }

    /** Built-in texts of the language (English for a language with none), overlaid by the site's latest set. */
    Map<String, String> texts(String language) {
        return BuiltInTexts.merged(language, overrides.getOrDefault(language, Map.of()));
    }

    /**
     * The document in the best of its languages for the visitor, else in the site's default
     * language if it has that, else as published.
     */
    NoticeDocument document(NoticeDocument published, List<String> preferences) {
        List<NoticeDocument> renderings = new ArrayList<>();
        renderings.add(published);
        renderings.addAll(translations.getOrDefault(published.id(), List.of()));
        List<String> wanted = new ArrayList<>(preferences);
        wanted.add(defaultLanguage);
        return LanguageTags.best(wanted, renderings.stream().map(NoticeDocument::language).toList())
                .flatMap(language -> renderings.stream().filter(d -> d.language().equals(language)).findFirst())
                .orElse(published);
    }
}
