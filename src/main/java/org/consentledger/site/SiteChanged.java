package org.consentledger.site;

import java.util.UUID;

/** Fired when a site's settings or policy versions change, so cached notices can be dropped. */
public record SiteChanged(UUID siteId) {
}
