// What the two search views share (console.js: one connection; console/everywhere.js: all of them at once): the
// limits of a search, the columns of a number, acquiring one in a click, "more", and the wiring of the search form.
import { call, announce, el, cell, button, idempotencyKey, connectionName } from './api.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export function capabilitiesOf(d) {
  const caps = d.capabilities || {};
  return ['voice', 'sms', 'mms', 'fax'].filter((c) => caps[c]).join(' ');
}

// A result's row, begun with its number: badged when it is the sandbox's or only the nearest match.
export function numberRow(n, d) {
  const row = el('tr');
  if (d.best_effort_match) { row.classList.add('nearest'); }
  const numberCell = cell(row, 'Number', n.number, 'number');
  if (d.sandbox) { numberCell.append(' ', el('span', 'badge', 'sandbox')); }
  if (d.best_effort_match) { numberCell.append(' ', el('span', 'badge nearest-badge', 'nearest match')); }
  row.dataset.number = n.number;
  return row;
}

// The button that buys (or links) the row's number, in the row's last cell.
export function actionButton(row, label, kind, ariaLabel) {
  const b = button(label, kind);
  b.setAttribute('aria-label', ariaLabel);
  cell(row, 'Actions', null, 'actions').appendChild(b);
  return b;
}

// Buys or links (kind) a number on a connection, the request the view built; marks the button's row when done.
export async function acquire(kind, request, connection, b, notices) {
  b.disabled = true;
  try {
    const result = await call('POST', '/v1/numbers/' + kind, request, { 'Idempotency-Key': idempotencyKey() });
    const got = (result && result.number) || request.phone_number;
    notices.message((kind === 'buy' ? 'Bought ' : 'Linked ') + got + ' on ' + connectionName(connection));
    b.textContent = kind === 'buy' ? 'Bought' : 'Linked';
    const row = b.closest('tr');
    if (row) { row.classList.add('acquired'); }
    announce('numbers');
  } catch (err) {
    b.disabled = false;
    notices.problem(err);
  }
}

// Neither endpoint has a page parameter: "more" asks again with a larger limit, up to its maximum.
export function offerMore(more, hasMore, limit) {
  more.hidden = !(hasMore && limit < MAX_LIMIT);
  more.dataset.limit = String(Math.min(MAX_LIMIT, limit + DEFAULT_LIMIT));
}

// The search form: any change of it makes the results shown stale; submitting searches; "more" searches again with
// the larger limit, "retry with best effort" with best effort checked.
export function wireSearchForm({ form, limit, more, retry, bestEffort, search, clear, changed }) {
  form.addEventListener('input', clear);
  form.addEventListener('change', changed || clear);
  form.addEventListener('submit', (event) => { event.preventDefault(); search(); });
  more.addEventListener('click', () => {
    const larger = Number(more.dataset.limit);
    limit.value = String(larger);
    search(larger);
  });
  retry.addEventListener('click', () => { bestEffort.checked = true; search(); });
}
