package org.consentledger.common;

import java.util.regex.Pattern;

/**
 * A request path as log lines and problem documents show it. The person's records are found by
 * the site's account id in the path (…/users/{userId}/history); the id is never stored or
 * logged, so it is replaced by {@code {userId}}, whatever it holds, slashes included.
 */
public final class LoggedPaths {

    private static final Pattern USER_ID = Pattern.compile("(/api/v1/audit/sites/[^/]*/users/).*?(/(?:history|evidence))?$");

    private LoggedPaths() {
    }

    public static String of(String path) {
        return path == null ? null : USER_ID.matcher(path).replaceFirst("$1{userId}$2");
    }
}
