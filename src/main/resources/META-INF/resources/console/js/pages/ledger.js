import { h, clear, message } from '../dom.js';
import { call, query } from '../api.js';
import { parseCheckpoint, parseVerifierKey, verifySignature, verifyConsistency, cosignatures, fromBase64 } from '../ledger/verify.js';

// Kept in localStorage, beyond the session: an auditor's trust anchor and the last checkpoint seen.
const PINNED_KEY = 'consentledger.console.pinnedKey';
const KEPT_CHECKPOINT = 'consentledger.console.keptCheckpoint';

export async function render(main, ctx) {
  main.append(h('h1', {}, 'Ledger'));
  const global = ctx.grants.auditor.global;
  let latest;
  try {
    latest = parseCheckpoint(await call('/api/v1/ledger/checkpoint', { as: 'text', auth: false }));
  } catch (e) {
    main.append(message('info', e.status === 404 ? `${e.problem?.detail || 'No checkpoint has been signed yet'}.` : e.message));
    return;
  }
  const publicKey = await call('/api/v1/ledger/public-key', { auth: false });
  const createdAt = global ? await call('/api/v1/ledger/checkpoints' + query({ from: String(latest.size), limit: 1 }))
    .then(page => page.items.find(c => BigInt(c.treeSize) === latest.size)?.createdAt).catch(() => null) : null;
  const cosigned = cosignatures(latest, publicKey.origin);
  const kept = localStorage.getItem(KEPT_CHECKPOINT);
  const steps = h('ol', { id: 'verify-steps', class: 'steps', 'aria-live': 'polite' });
  const verdict = h('div', { id: 'verify-verdict', 'aria-live': 'assertive' });
  main.append(
    h('section', { class: 'panel', id: 'latest-checkpoint' }, h('h2', {}, 'Latest checkpoint'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Log'), h('dd', {}, latest.origin),
        h('dt', {}, 'Tree size'), h('dd', { id: 'checkpoint-size' }, String(latest.size)),
        h('dt', {}, 'Root hash'), h('dd', {}, h('code', { id: 'checkpoint-root' }, latest.rootBase64)),
        h('dt', {}, 'Signed'), h('dd', { id: 'checkpoint-age' }, createdAt ? `${createdAt} (${age(createdAt)} ago)` : 'time known to global auditors only'),
        h('dt', {}, 'Witness cosignatures'), h('dd', { id: 'checkpoint-cosignatures' }, cosigned.length === 0 ? 'none'
          : cosigned.map(c => h('div', {}, `${c.name}, at ${c.time}`))))),
    h('section', { class: 'panel', id: 'trust' }, h('h2', {}, 'What this browser trusts'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Pinned key'), h('dd', {}, h('code', { id: 'pinned-key' }, localStorage.getItem(PINNED_KEY) || 'none yet: the first Verify pins the key the service publishes')),
        h('dt', {}, 'The service publishes'), h('dd', {}, h('code', {}, publicKey.verifierKey)),
        h('dt', {}, 'Kept checkpoint'), h('dd', { id: 'kept-checkpoint' }, kept ? `size ${parseCheckpoint(kept).size}` : 'none yet')),
      h('p', { class: 'muted' }, 'Compare the pinned key with one published somewhere you trust. Each successful Verify keeps the checkpoint, and the next one must prove that the log only grew from it.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', id: 'forget', onclick: () => {
          localStorage.removeItem(PINNED_KEY);
          localStorage.removeItem(KEPT_CHECKPOINT);
          ctx.go('ledger', { forgot: Date.now() });
        } }, 'Forget the pinned key and kept checkpoint'))),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'verify-button', onclick: () => verify(steps, verdict, global) }, 'Verify')),
    steps, verdict);
}

function age(iso) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return seconds < 120 ? `${seconds} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;
}

async function verify(steps, verdict, global) {
  clear(steps);
  clear(verdict);
  const results = [];
  const step = (name, result, detail) => {
    results.push(result);
    steps.append(h('li', { class: result, 'data-step': name, 'data-result': result },
      h('span', { class: 'result' }, result), h('span', { class: 'what' }, name + ': '), detail));
  };
  const finish = () => {
    const failed = results.includes('FAILED');
    clear(verdict, message(failed ? 'bad' : 'ok', failed ? 'FAILED: do not trust this checkpoint.' : 'Verified in this browser.'));
  };
  if (!globalThis.crypto?.subtle) {
    step('WebCrypto', 'FAILED', 'this page is not in a secure context (HTTPS or localhost), so the browser offers no WebCrypto');
    return finish();
  }
  try {
    const published = (await call('/api/v1/ledger/public-key', { auth: false })).verifierKey;
    let pinned = localStorage.getItem(PINNED_KEY);
    if (!pinned) {
      localStorage.setItem(PINNED_KEY, published);
      pinned = published;
      step('Pinned key', 'OK', `pinned on first use: ${pinned}`);
    } else if (pinned === published) {
      step('Pinned key', 'OK', 'the service still publishes the pinned key');
    } else {
      step('Pinned key', 'FAILED', `the service now publishes ${published}; checking against the pinned ${pinned}`);
    }
    const key = await parseVerifierKey(pinned);
    const latest = parseCheckpoint(await call('/api/v1/ledger/checkpoint', { as: 'text', auth: false }));
    step('Checkpoint', 'OK', `size ${latest.size}, root ${latest.rootBase64}`);
    const signature = await verifySignature(latest, key);
    step('Signature', signature.ok ? 'OK' : 'FAILED', `Ed25519 over the checkpoint's three lines: ${signature.detail}`);
    if (!signature.ok) return finish();
    const cosigned = cosignatures(latest, key.name);
    step('Cosignatures', 'NOTED', cosigned.length === 0 ? 'no witness cosigned this checkpoint'
      : `${cosigned.length} witness line(s) (${cosigned.map(c => c.name).join(', ')}), not checked: no witness key is pinned here`);
    const keep = await consistency(latest, key, global, step);
    if (keep && !results.includes('FAILED')) localStorage.setItem(KEPT_CHECKPOINT, latest.note);
  } catch (e) {
    step('Error', 'FAILED', e.message);
  }
  finish();
}

/** Checks that the log only grew since the kept checkpoint; true when the latest may replace it. */
async function consistency(latest, key, global, step) {
  const keptNote = localStorage.getItem(KEPT_CHECKPOINT);
  if (!keptNote) {
    step('Consistency', 'SKIPPED', 'no earlier checkpoint is kept in this browser; this one is kept now for the next Verify');
    return true;
  }
  const kept = parseCheckpoint(keptNote);
  if (!(await verifySignature(kept, key)).ok || kept.origin !== latest.origin) {
    step('Consistency', 'FAILED', 'the kept checkpoint is not one of this log, signed by the pinned key');
    return false;
  }
  if (kept.size > latest.size) {
    step('Consistency', 'FAILED', `the log shrank: it served size ${latest.size} after size ${kept.size}`);
    return false;
  }
  if (kept.size === latest.size) {
    const same = kept.rootBase64 === latest.rootBase64;
    step('Consistency', same ? 'OK' : 'FAILED', same ? `same tree as the kept checkpoint (size ${kept.size})`
      : `two different trees of size ${kept.size}: a fork`);
    return same;
  }
  if (!global) {
    step('Consistency', 'SKIPPED', 'consistency proofs are for global auditors; the kept checkpoint stays until one checks');
    return false;
  }
  const proof = await call('/api/v1/ledger/proof/consistency' + query({ from: String(kept.size), to: String(latest.size) }));
  const ok = await verifyConsistency(kept.size, latest.size, kept.root, latest.root, proof.proof.map(fromBase64));
  step('Consistency', ok ? 'OK' : 'FAILED', ok
    ? `the log only grew from size ${kept.size} to ${latest.size}: a proof of ${proof.proof.length} hashes leads from the kept root to the new one`
    : `the proof from size ${kept.size} to ${latest.size} does not lead from the kept root to the new one`);
  return ok;
}
