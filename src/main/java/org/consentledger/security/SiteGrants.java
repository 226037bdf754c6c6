package org.consentledger.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which sites one role covers, read from a token's groups. The plain role ({@code auditor}) covers
 * every site; {@code auditor:news-a} covers that site; {@code auditor:news-*} every site whose key
 * starts with {@code news-}. Any other group is no grant and is ignored, so a token from an
 * identity provider that also carries unrelated groups still works.
 */
public record SiteGrants(boolean global, Set<String> siteKeys, List<String> prefixes) {

    /**
     * After the colon: a site key (the same alphabet and length as a site's key), or a prefix of one
     * followed by a single trailing '*'. Neither can hold a LIKE wildcard, so both go into SQL as is.
     */
    private static final Pattern SCOPE = Pattern.compile("([a-z0-9-]{3,64})|([a-z0-9-]{1,63})\\*");

    public SiteGrants {
        siteKeys = Collections.unmodifiableSortedSet(new TreeSet<>(siteKeys));
        prefixes = List.copyOf(prefixes);
    }

    /** What the groups grant for {@code role} ("admin", "auditor" or "service"). */
    public static SiteGrants of(String role, Collection<String> groups) {
        boolean global = false;
        Set<String> siteKeys = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (String group : groups == null ? List.<String>of() : groups) {
            if (group.equals(role)) {
                global = true;
            } else if (group.startsWith(role + ":")) {
                Matcher scope = SCOPE.matcher(group.substring(role.length() + 1));
                if (!scope.matches()) {
                    continue;
                }
                if (scope.group(1) != null) {
                    siteKeys.add(scope.group(1));
                } else {
                    prefixes.add(scope.group(2));
                }
            }
        }
        return new SiteGrants(global, siteKeys, List.copyOf(prefixes));
    }

    /** Whether {@code group} is a well-formed site-scoped grant of {@code role}, such as "auditor:news-*". */
    public static boolean isScopedGroup(String role, String group) {
        return group.startsWith(role + ":") && SCOPE.matcher(group.substring(role.length() + 1)).matches();
    }

    /** At least one grant of the role on some sites only. */
    public boolean scoped() {
        return !siteKeys.isEmpty() || !prefixes.isEmpty();
    }

    /** No grant of this role at all. */
    public boolean none() {
        return !global && !scoped();
    }

    public boolean allows(String siteKey) {
        return global || siteKeys.contains(siteKey) || prefixes.stream().anyMatch(siteKey::startsWith);
    }

    /**
     * The same rule as {@link #allows} as a condition on a site-key expression, valid in JPQL and in
     * SQL, with its named parameters: {@code (k in (:scopeKeys) or k like :scopePrefix0 ...)}.
     */
    public Condition condition(String siteKeyExpression) {
        if (global) {
            return new Condition("1 = 1", Map.of());
        }
        List<String> terms = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (!siteKeys.isEmpty()) {
            terms.add(siteKeyExpression + " in (:scopeKeys)");
            parameters.put("scopeKeys", List.copyOf(siteKeys));
        }
        for (int i = 0; i < prefixes.size(); i++) {
            terms.add(siteKeyExpression + " like :scopePrefix" + i);
            parameters.put("scopePrefix" + i, prefixes.get(i) + "%");
        }
        return new Condition(terms.isEmpty() ? "1 = 0" : "(" + String.join(" or ", terms) + ")", parameters);
    }

    /** A where-clause fragment and the values of its named parameters. */
    public record Condition(String clause, Map<String, Object> parameters) {
    }
}
