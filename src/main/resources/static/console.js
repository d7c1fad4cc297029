// Switchboard console, the search view: numbers on sale (buy) or owned by the account (link) on one telephony
// connection, with the filters of GET /v1/numbers/available. The other views are under /console/.
// Results belong to the connection and filters they were searched with: any change to either clears them, so a
// Buy button can never act on another connection than the one shown as selected.
import { $, call, query, announce, on, Notices, el, cell, button, idempotencyKey, providerOf, connectionName,
  readFilters }
  from './console/api.js';

const notices = new Notices($('error'), $('message'));
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
let connections = {};
// Bumped whenever results are cleared: an answer that arrives for an older search is dropped, not shown.
let generation = 0;

function clearResults() {
  generation++;
  $('results').querySelector('tbody').textContent = '';
  $('results-section').hidden = true;
  $('more').hidden = true;
}

// Only telephony connections can search numbers: an OpenAI connection is not offered.
function loadConnections(list) {
  const select = $('connection');
  const previous = select.value;
  select.textContent = '';
  connections = {};
  const usable = list.filter(providerOf);
  const placeholder = el('option', null, usable.length ? 'Pick a connection'
    : 'No telephony connection yet: create one under Connections');
  placeholder.value = '';
  select.appendChild(placeholder);
  usable.forEach((c) => {
    connections[c.id] = c;
    const option = el('option', null, connectionName(c) + ' · ' + providerOf(c));
    option.value = c.id;
    select.appendChild(option);
  });
  select.value = connections[previous] ? previous : '';
  select.disabled = usable.length === 0;
  $('search').disabled = !connections[select.value];
  if (select.value !== previous) { clearResults(); }
}

function text(id) { return $(id).value.trim(); }

function filters() {
  const f = readFilters('');
  const source = $('source').value;
  if (source !== 'inventory') { f.source = source; }
  return f;
}

async function search(limit) {
  clearResults();
  notices.clear();
  const connection = connections[$('connection').value];
  if (!connection) { notices.complain('Pick an account connection first'); return; }
  const f = filters();
  const params = {
    telephony_provider: providerOf(connection),
    telephony_account_connection: connection.id,
    limit: limit || text('limit'),
    filters: Object.keys(f).length ? JSON.stringify(f) : '',
  };
  const mine = generation;
  $('search').disabled = true;
  try {
    const answer = await call('GET', '/v1/numbers/available' + query(params));
    if (mine === generation) { render(answer, connection, f, Number(params.limit) || DEFAULT_LIMIT); }
  } catch (err) {
    if (mine === generation) { notices.problem(err); }
  } finally {
    $('search').disabled = !connections[$('connection').value];
  }
}

function capabilitiesOf(d) {
  const caps = d.capabilities || {};
  return ['voice', 'sms', 'mms', 'fax'].filter((c) => caps[c]).join(' ');
}

function render(answer, connection, f, limit) {
  const source = f.source || 'inventory';
  const body = $('results').querySelector('tbody');
  body.textContent = '';
  const total = answer.total.toLocaleString('en-US') + (answer.total_is_estimated ? ' or more' : '');
  const nearest = answer.items.some((n) => n.provider_details && n.provider_details.best_effort_match);
  $('summary').textContent = answer.items.length + ' of ' + total + ' numbers'
    + (source === 'account' ? ' owned by the account' : ' on sale') + ' on ' + connectionName(connection)
    + (nearest ? '. No exact match for every filter: the nearest numbers are marked.' : '');
  answer.items.forEach((n) => {
    const d = n.provider_details || {};
    const row = el('tr');
    if (d.best_effort_match) { row.classList.add('nearest'); }
    const numberCell = cell(row, 'Number', n.number, 'number');
    if (d.sandbox) { numberCell.append(' ', el('span', 'badge', 'sandbox')); }
    if (d.best_effort_match) { numberCell.append(' ', el('span', 'badge nearest-badge', 'nearest match')); }
    cell(row, 'Where', [d.locality, d.region, d.country].filter(Boolean).join(', '));
    cell(row, 'Type', d.type || '');
    cell(row, 'Capabilities', capabilitiesOf(d));
    cell(row, 'Monthly', d.monthly_price ? d.monthly_price.amount + ' ' + d.monthly_price.currency : '');
    const action = cell(row, 'Actions', null, 'actions');
    let b;
    if (source === 'account') {
      // a number the account owns that Switchboard already holds was bought or linked before: either way, held
      b = button(n.id ? 'In Switchboard' : 'Link', 'link');
      b.disabled = !!n.id;
    } else {
      b = button('Buy', 'buy');
    }
    b.setAttribute('aria-label', b.textContent + ' ' + n.number);
    b.addEventListener('click', () => acquire(source === 'account' ? 'link' : 'buy', n.number, connection, b));
    action.appendChild(b);
    row.dataset.number = n.number;
    body.appendChild(row);
  });
  const empty = answer.items.length === 0;
  $('summary').hidden = empty;
  $('empty').hidden = !empty;
  $('results').hidden = empty;
  if (empty) {
    $('empty-text').textContent = f.best_effort
      ? 'No numbers match these filters, not even nearly. Try fewer filters or another area.'
      : 'No numbers match these filters. Best effort finds the nearest numbers when nothing matches exactly.';
    $('retry-best-effort').hidden = !!f.best_effort || source === 'account';
  }
  // GET /v1/numbers/available has no page parameter: "more" asks again with a larger limit, up to its maximum.
  $('more').hidden = !(answer.has_more && limit < MAX_LIMIT);
  $('more').dataset.limit = String(Math.min(MAX_LIMIT, limit + DEFAULT_LIMIT));
  $('results-section').hidden = false;
}

async function acquire(kind, number, connection, b) {
  notices.clear();
  // results are cleared when the connection changes; this makes sure of it at the moment of the click as well
  if ($('connection').value !== connection.id) {
    notices.complain('These results are from ' + connectionName(connection) + ', not the selected connection: search again');
    clearResults();
    return;
  }
  b.disabled = true;
  const request = { phone_number: number, telephony_provider: providerOf(connection), telephony_account_connection: connection.id };
  try {
    const result = await call('POST', '/v1/numbers/' + kind, request, { 'Idempotency-Key': idempotencyKey() });
    const got = (result && result.number) || number;
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

on('connections', loadConnections);
on('key', (inUse) => {
  if (!inUse) { loadConnections([]); notices.clear(); $('connection').firstChild.textContent = 'Paste your API key first'; }
});
$('connection').addEventListener('change', () => {
  clearResults();
  notices.clear();
  $('search').disabled = !connections[$('connection').value];
});
// any change of a filter makes the results shown stale
$('search-form').addEventListener('input', clearResults);
$('search-form').addEventListener('change', clearResults);
$('search-form').addEventListener('submit', (event) => { event.preventDefault(); search(); });
$('more').addEventListener('click', () => {
  const limit = Number($('more').dataset.limit);
  $('limit').value = String(limit);
  search(limit);
});
$('retry-best-effort').addEventListener('click', () => { $('best-effort').checked = true; search(); });
