// What every view of the console shares: the API key of this tab, calls to the public API, problems and messages
// shown once, idempotency keys, and the events by which one view tells the others that something changed.
// Every value from the server is written with textContent, never as HTML.

const KEY_STORAGE = 'switchboard.apiKey';

export const $ = (id) => document.getElementById(id);

export function apiKey() { return sessionStorage.getItem(KEY_STORAGE) || ''; }
export function setApiKey(key) { sessionStorage.setItem(KEY_STORAGE, key); }
export function forgetApiKey() { sessionStorage.removeItem(KEY_STORAGE); }

// One bus for the whole page: 'key' (a key was taken or forgotten), 'connections', 'agents', 'numbers' (the list
// changed). A view listens to what it shows and announces what it changed.
const bus = new EventTarget();
export function announce(what, detail) { bus.dispatchEvent(new CustomEvent(what, { detail })); }
export function on(what, listener) { bus.addEventListener(what, (event) => listener(event.detail)); }

/** A failed call: the HTTP status, the problem body (RFC 9457) if any, and the request id to quote. */
export class ApiError extends Error {
  constructor(status, problem, requestId, message) {
    super(message || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
    this.requestId = requestId;
  }
}

// A fresh key per click: a retried request (network blip) is answered from the first one and never buys twice.
export function idempotencyKey() { return crypto.randomUUID(); }

/** Calls the API with this tab's key; resolves to the JSON answer, rejects with an ApiError. */
export async function call(method, path, body, extraHeaders) {
  const headers = { 'Authorization': 'Bearer ' + apiKey(), 'Accept': 'application/json', ...(extraHeaders || {}) };
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, { detail: 'Switchboard could not be reached (' + e.message + ')' }, null);
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    const requestId = (json && json.request_id) || response.headers.get('X-Request-Id');
    throw new ApiError(response.status, json, requestId);
  }
  return json;
}

/** Query string of the given parameters, leaving out empty ones. */
export function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== '') { q.set(name, String(value)); }
  });
  const s = q.toString();
  return s ? '?' + s : '';
}

/**
 * Where a view shows how its last action went: one error box (role=alert) and one message box (role=status).
 * Showing one hides the other, so a view never shows a stale success under a new failure or the reverse.
 */
export class Notices {
  constructor(errorBox, messageBox) {
    this.errorBox = errorBox;
    this.messageBox = messageBox;
  }

  clear() {
    this.errorBox.hidden = true;
    this.errorBox.textContent = '';
    if (this.messageBox) { this.messageBox.hidden = true; this.messageBox.textContent = ''; }
  }

  message(text) {
    this.clear();
    if (this.messageBox) { this.messageBox.textContent = text; this.messageBox.hidden = false; }
  }

  /** A plain complaint of the page itself (nothing was sent). */
  complain(text) { this.problem(new ApiError(0, { detail: text }, null)); }

  // The problem's headline, then each entry of its errors that says something the headline does not (a single
  // invalid parameter is already the headline: "limit: must be from 1 to 100"), then the request id.
  problem(err) {
    this.clear();
    const box = this.errorBox;
    const problem = (err && err.problem) || {};
    const status = err && err.status;
    const head = document.createElement('strong');
    head.className = 'problem-detail';
    head.textContent = problemHeadline(problem)
      || (status ? 'The request failed (HTTP ' + status + ')' : String((err && err.message) || err));
    box.appendChild(head);
    const items = problemErrors(problem).filter((line) => line !== head.textContent);
    if (items.length) {
      const list = document.createElement('ul');
      items.forEach((line) => {
        const item = document.createElement('li');
        item.className = 'problem-error';
        item.textContent = line;
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (err && err.requestId) {
      const id = document.createElement('div');
      id.className = 'hint request-id';
      id.textContent = 'Request id ' + err.requestId;
      box.appendChild(id);
    }
    box.hidden = false;
  }
}

// A problem's detail is a sentence, or (the platform SDK's shape for a 422) a list of {loc, msg, type}: then the
// title is the headline and the list is shown as the errors (a list of one is the headline itself).
export function problemHeadline(problem) {
  if (!problem) { return ''; }
  if (typeof problem.detail === 'string' && problem.detail) { return problem.detail; }
  // one invalid parameter is the whole story: it heads the problem, rather than a title above a one-line list
  const errors = problemErrors(problem);
  if (errors.length === 1) { return errors[0]; }
  return problem.title || '';
}

/** The lines of a problem's errors ("parameter: message"), else of a detail given as a list ("loc: msg"). */
export function problemErrors(problem) {
  if (!problem) { return []; }
  if (Array.isArray(problem.errors) && problem.errors.length) {
    return problem.errors.map((e) => (e.parameter ? e.parameter + ': ' : '') + (e.message || e.msg || ''));
  }
  if (Array.isArray(problem.detail)) {
    return problem.detail.map((d) => {
      const loc = Array.isArray(d.loc) ? d.loc.join('.') : (d.loc || '');
      // a problem of its own kind puts its sentence at loc ["body"]: the sentence alone says it
      return (loc && loc !== 'body' ? loc + ': ' : '') + (d.msg || d.message || '');
    });
  }
  return [];
}

/** Filters of a search form whose inputs are #<prefix>country, #<prefix>area-code, … (docs/filters.md). */
export function readFilters(prefix) {
  const f = {};
  const text = (id) => $(prefix + id).value.trim();
  [['country', 'country'], ['type', 'type'], ['area-code', 'area_code'], ['contains', 'contains'],
    ['starts-with', 'starts_with'], ['ends-with', 'ends_with'], ['region', 'region'], ['locality', 'locality'],
    ['postal-code', 'postal_code']].forEach(([id, key]) => {
    const value = text(id);
    if (value) { f[key] = value; }
  });
  const capabilities = Array.from(document.querySelectorAll('input[name=' + prefix + 'capability]:checked'))
    .map((box) => box.value);
  if (capabilities.length) { f.capabilities = capabilities; }
  if ($(prefix + 'exclude-address-required').checked) { f.exclude_address_required = true; }
  if ($(prefix + 'best-effort').checked) { f.best_effort = true; }
  return f;
}

/** Notices of a view whose boxes are #<prefix>-error and #<prefix>-message. */
export function noticesOf(prefix) { return new Notices($(prefix + '-error'), $(prefix + '-message')); }

/** A new element with a class and text. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) { node.className = className; }
  if (text !== undefined && text !== null) { node.textContent = text; }
  return node;
}

/** A table cell labelled with its column (the narrow layout shows the label beside the value). */
export function cell(row, label, value, className) {
  const td = el('td', className, value);
  td.dataset.label = label;
  row.appendChild(td);
  return td;
}

export function button(text, className, onClick) {
  const b = el('button', className, text);
  b.type = 'button';
  if (onClick) { b.addEventListener('click', onClick); }
  return b;
}

/** The telephony provider of a connection type ('account_connection_sandbox' is 'sandbox'); null for OpenAI. */
export const TELEPHONY_PROVIDERS = ['sandbox', 'twilio', 'telnyx', 'vonage'];
export function providerOf(connection) {
  const name = connection.type.replace(/^account_connection_/, '');
  return TELEPHONY_PROVIDERS.includes(name) ? name : null;
}

export function connectionName(connection) { return connection.label || connection.id; }

/** Every page of a list endpoint (size 100), for pickers that must offer all of the user's items. */
export async function listAll(path) {
  const items = [];
  for (let page = 1; ; page++) {
    const answer = await call('GET', path + query({ page, size: 100 }));
    items.push(...answer.items);
    if (!answer.has_more || answer.items.length === 0) { return items; }
  }
}
