// The API key view: take a key, check it once against the API, and tell the other views to load (or to forget).
// With a key in use it lists the user's keys masked (GET /v1/api_keys/list), creates one whose value is shown here
// once (POST /v1/api_keys/create), and revokes one after a confirmation in its row (POST /v1/api_keys/revoke).
import { $, apiKey, setApiKey, forgetApiKey, call, query, announce, noticesOf, el, cell, button } from './api.js';

const notices = noticesOf('key');
// Bumped by each key change and each load: only the latest list is drawn, and never one of a key since forgotten.
let loads = 0;

function showViews(shown) {
  document.querySelectorAll('.needs-key').forEach((section) => { section.hidden = !shown; });
  $('key-state').textContent = shown ? 'A key is in use in this tab.' : '';
  $('api-key').placeholder = shown ? 'key in use (this tab only)' : 'sb_…';
  if (!shown) {
    hideNewKey();
    $('keys-table').querySelector('tbody').textContent = '';
  }
}

// The user's keys are listed masked (their first 9 characters): the one whose prefix the key in use starts with is
// marked as this console's. Only a hint (two keys may share a prefix): what signs the console out after a revoke
// is the API refusing the key, not this guess.
function inUse(key) {
  const prefix = key.masked_key.replace(/…$/, '');
  return key.active && apiKey().startsWith(prefix);
}

// An instant of the API ("2026-12-06T22:14:03.123Z") to the minute, in UTC as the API gives it.
function when(instant) {
  if (!instant) { return ''; }
  const iso = String(instant);
  return iso.slice(0, 10) + ' ' + iso.slice(11, 16) + ' UTC';
}

function timeCell(row, label, instant) {
  const td = cell(row, label, null, 'when');
  if (instant) {
    const time = el('time', null, when(instant));
    time.dateTime = String(instant);
    td.appendChild(time);
  }
  return td;
}

function render(keys) {
  const body = $('keys-table').querySelector('tbody');
  body.textContent = '';
  keys.forEach((k) => {
    const row = el('tr');
    row.dataset.id = k.id;
    const keyCell = cell(row, 'Key', k.masked_key, 'secret');
    if (inUse(k)) { keyCell.append(' ', el('span', 'badge', 'this console')); }
    cell(row, 'State', k.active ? 'active' : 'revoked', k.active ? 'state active' : 'state revoked');
    timeCell(row, 'Created', k.created_at);
    timeCell(row, 'Revoked', k.revoked_at);
    const actions = cell(row, 'Actions', null, 'actions');
    if (k.active) {
      const revoke = button('Revoke…', 'revoke', () => confirmRevoke(k, actions));
      revoke.setAttribute('aria-label', 'Revoke ' + k.masked_key);
      actions.appendChild(revoke);
    }
    if (!k.active) { row.classList.add('revoked'); }
    body.appendChild(row);
  });
}

// A 401 on a key the console was using means it was revoked (here or elsewhere) or its user disabled: the console
// signs out, shows that answer once, and asks for a key again.
function signOut(err) {
  loads++;
  forgetApiKey();
  showViews(false);
  announce('key', false);
  notices.problem(err);
  $('api-key').focus();
}

async function load() {
  const mine = ++loads;
  try {
    const answer = await call('GET', '/v1/api_keys/list');
    if (mine === loads) { render(answer.items); }
  } catch (err) {
    if (mine !== loads) { return; }
    if (err.status === 401) { signOut(err); } else { notices.problem(err); }
  }
}

// One cheap authenticated call decides whether the key is good, so a wrong key is reported once, here, rather
// than by every view that would load with it.
async function useKey(key, done) {
  setApiKey(key);
  const mine = ++loads;
  try {
    await call('GET', '/v1/account_connections/list?page=1&size=1');
  } catch (err) {
    if (mine !== loads) { return; }
    forgetApiKey();
    showViews(false);
    announce('key', false);
    notices.problem(err);
    return;
  }
  if (mine !== loads) { return; }
  if (done) { notices.message(done); } else { notices.clear(); }
  showViews(true);
  announce('key', true);
  load();
}

// The new key's value lives in this panel only until it is hidden: nothing of it is kept once it is.
function showNewKey(created) {
  $('new-key-value').value = created.api_key;
  $('new-key-masked').textContent = created.masked_key;
  $('new-key').hidden = false;
  $('new-key-value').focus();
  $('new-key-value').select();
}

function hideNewKey() {
  $('new-key-value').value = '';
  $('new-key-masked').textContent = '';
  $('new-key').hidden = true;
}

async function createKey() {
  const create = $('create-key');
  create.disabled = true;
  hideNewKey();
  try {
    const created = await call('POST', '/v1/api_keys/create');
    notices.message('Created key ' + created.masked_key + '.');
    showNewKey(created);
    await load();
  } catch (err) {
    if (err.status === 401) { signOut(err); } else { notices.problem(err); }
  } finally {
    create.disabled = false;
  }
}

// Revoking cannot be undone: the row asks first, in place, and says so when it is the key of this console.
function confirmRevoke(key, actions) {
  const before = Array.from(actions.childNodes);
  actions.textContent = '';
  const question = el('span', 'confirm', 'Revoke ' + key.masked_key + '? '
    + (inUse(key) ? 'This console uses it: it will be signed out. ' : 'Clients using it are refused from then on. '));
  const yes = button('Yes, revoke it', 'confirm-revoke danger', async () => {
    yes.disabled = true;
    try {
      await call('POST', '/v1/api_keys/revoke' + query({ id: key.id }));
      notices.message('Revoked ' + key.masked_key + '.');
    } catch (err) {
      if (err.status === 401) { signOut(err); return; }
      notices.problem(err);
      actions.replaceChildren(...before);
      before[before.length - 1].focus();
      return;
    }
    // the next call tells whether it was this console's key: then the API refuses it (401) and load signs out
    await load();
  });
  const no = button('Keep it', 'keep', () => { actions.replaceChildren(...before); before[before.length - 1].focus(); });
  yes.setAttribute('aria-label', 'Yes, revoke ' + key.masked_key);
  actions.append(question, yes, no);
  no.focus();
}

async function copyNewKey() {
  const input = $('new-key-value');
  try {
    await navigator.clipboard.writeText(input.value);
    notices.message('Copied the new key to the clipboard.');
  } catch (e) {
    // no clipboard permission (an http page, an old browser): the key is selected for the user to copy
    input.focus();
    input.select();
    notices.message('Select the key and copy it (Ctrl+C or ⌘C): the browser did not allow copying from the page.');
  }
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = $('api-key').value.trim();
  if (!key) { notices.complain('Paste an API key'); return; }
  $('api-key').value = '';
  useKey(key);
});

$('forget-key').addEventListener('click', () => {
  loads++;
  forgetApiKey();
  showViews(false);
  announce('key', false);
  notices.message('Key forgotten: nothing of it is left in this tab.');
});

$('create-key').addEventListener('click', createKey);
$('copy-new-key').addEventListener('click', copyNewKey);
$('hide-new-key').addEventListener('click', () => { hideNewKey(); $('create-key').focus(); });
$('use-new-key').addEventListener('click', () => {
  const key = $('new-key-value').value;
  const masked = $('new-key-masked').textContent;
  hideNewKey();
  if (key) { useKey(key, 'This console now uses key ' + masked + '.'); }
});
$('keys-refresh').addEventListener('click', () => { notices.clear(); load(); });

if (apiKey()) { useKey(apiKey()); }
