// Switchboard console, the search view: numbers on sale (buy) or owned by the account (link) on one telephony
// connection, with the filters of GET /v1/numbers/available. The other views are under /console/.
// Results belong to the connection and filters they were searched with: any change to either clears them, so a
// Buy button can never act on another connection than the one shown as selected.
import { $, call, query, on, Notices, el, cell, providerOf, connectionName, readFilters } from './console/api.js';
import { DEFAULT_LIMIT, capabilitiesOf, numberRow, actionButton, acquire as acquireNumber, offerMore, wireSearchForm }
  from './console/results.js';

const notices = new Notices($('error'), $('message'));
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
    const row = numberRow(n, d);
    cell(row, 'Where', [d.locality, d.region, d.country].filter(Boolean).join(', '));
    cell(row, 'Type', d.type || '');
    cell(row, 'Capabilities', capabilitiesOf(d));
    cell(row, 'Monthly', d.monthly_price ? d.monthly_price.amount + ' ' + d.monthly_price.currency : '');
    const kind = source === 'account' ? 'link' : 'buy';
    // a number the account owns that Switchboard already holds was bought or linked before: either way, held
    const label = kind === 'buy' ? 'Buy' : n.id ? 'In Switchboard' : 'Link';
    const b = actionButton(row, label, kind, label + ' ' + n.number);
    b.disabled = kind === 'link' && !!n.id;
    b.addEventListener('click', () => acquire(kind, n.number, connection, b));
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
  offerMore($('more'), answer.has_more, limit);
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
  const request = { phone_number: number, telephony_provider: providerOf(connection), telephony_account_connection: connection.id };
  await acquireNumber(kind, request, connection, b, notices);
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
wireSearchForm({ form: $('search-form'), limit: $('limit'), more: $('more'), retry: $('retry-best-effort'),
  bestEffort: $('best-effort'), search, clear: clearResults });
