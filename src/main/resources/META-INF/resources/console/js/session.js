// The bearer token lives in sessionStorage only: it goes when the tab closes.
const TOKEN = 'consentledger.console.token';
const SITE = 'consentledger.console.site';
const NOTICE = 'consentledger.console.notice';

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function signIn(value) {
  const groups = groupsOf(value);
  if (groups === null) throw new Error('That is not a JSON Web Token.');
  sessionStorage.setItem(TOKEN, value);
}

/** Forgets the token; the sign-in page shows why. */
export function signOut(reason) {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(SITE);
  if (reason) sessionStorage.setItem(NOTICE, reason);
  if (location.hash === '#/signin') window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = '#/signin';
}

export function takeNotice() {
  const notice = sessionStorage.getItem(NOTICE);
  sessionStorage.removeItem(NOTICE);
  return notice;
}

export function currentSite() {
  return sessionStorage.getItem(SITE) || '';
}

export function chooseSite(siteKey) {
  if (siteKey) sessionStorage.setItem(SITE, siteKey); else sessionStorage.removeItem(SITE);
}

function groupsOf(jwt) {
  const parts = (jwt || '').trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(parts[1].length / 4) * 4, '='));
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, c => c.charCodeAt(0))));
    const groups = payload.groups;
    return { subject: payload.sub || '', expires: payload.exp, groups: Array.isArray(groups) ? groups : (groups ? [groups] : []) };
  } catch (e) {
    return null;
  }
}

/**
 * What the token's groups allow, read as the service reads them: "admin" and "auditor" are global;
 * "admin:<siteKey>" scopes to one site, or to a group of sites with a trailing "*".
 * The console only hides what the service would refuse anyway.
 */
export function grants() {
  const claims = groupsOf(token()) || { subject: '', groups: [] };
  const role = name => {
    const scopes = claims.groups.filter(g => g.startsWith(name + ':')).map(g => g.slice(name.length + 1))
      .filter(s => /^[a-z0-9-]+\*?$/.test(s) && s !== '*');
    const global = claims.groups.includes(name);
    return { global, scopes, any: global || scopes.length > 0 };
  };
  return { subject: claims.subject, expires: claims.expires, groups: claims.groups, admin: role('admin'), auditor: role('auditor') };
}

export function inScope(role, siteKey) {
  return role.global || role.scopes.some(s => s.endsWith('*') ? siteKey.startsWith(s.slice(0, -1)) && siteKey.length >= s.length : s === siteKey);
}
