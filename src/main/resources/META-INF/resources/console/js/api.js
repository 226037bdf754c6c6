import { token, signOut } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  if (problem && typeof problem === 'object') {
    const fields = (problem.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
    return `${status} ${problem.title || ''}${problem.detail ? ': ' + problem.detail : ''}${fields ? ' (' + fields + ')' : ''}`;
  }
  return `${status} ${problem || ''}`.trim();
}

/** Calls the REST API with the bearer token; a 401 ends the session. */
export async function call(path, { method = 'GET', body, as = 'json', auth = true } = {}) {
  const headers = {};
  if (auth && token()) headers.Authorization = 'Bearer ' + token();
  // The service's POSTs all take JSON, those without a body too (a test, a rotation, a retry).
  if (body !== undefined || method === 'POST') headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && auth) {
    signOut('The service no longer accepts your token (401). Sign in again.');
    throw new ApiError(401, 'Unauthorized');
  }
  if (!response.ok) {
    const text = await response.text();
    let problem = text;
    try { problem = JSON.parse(text); } catch (e) { /* plain text */ }
    throw new ApiError(response.status, problem);
  }
  if (as === 'blob') return { blob: await response.blob(), disposition: response.headers.get('Content-Disposition') };
  if (as === 'text') return response.text();
  const text = await response.text(); // a 202 or 204 has no body
  return text === '' ? null : JSON.parse(text);
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

export const site = siteKey => encodeURIComponent(siteKey);

/** A link that saves a Blob as a file, clicked once; it stays on the page for another try. */
export function downloadLink(blob, fileName, label) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.textContent = `${label} (${blob.size} bytes)`;
  link.className = 'download';
  link.dataset.bytes = String(blob.size);
  return link;
}
