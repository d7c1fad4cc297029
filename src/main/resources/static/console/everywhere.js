// The console's default view: one search across every chosen telephony connection at once, ranked
// (GET /v1/numbers/available/all), each number bought in one click on the connection that offered it.
// Results belong to the connections and filters they were searched with: any change to either clears them, and an
// answer that arrives for an older search is dropped, so no Buy button is left acting on a search not shown.
import { $, call, query, on, noticesOf, el, cell, providerOf, connectionName, readFilters, problemHeadline,
  problemErrors } from './api.js';
import { DEFAULT_LIMIT, capabilitiesOf, numberRow, actionButton, acquire, offerMore, wireSearchForm }
  from './results.js';

const notices = noticesOf('all');
let connections = {};
// Bumped whenever results are cleared: an answer for an older search is not shown, a click on an older row refused.
let generation = 0;

function clearResults() {
  generation++;
  $('all-results').querySelector('tbody').textContent = '';
  $('all-sources').textContent = '';
  $('all-results-section').hidden = true;
  $('all-more').hidden = true;
}

function chosen() {
  return Array.from(document.querySelectorAll('input[name=all-connection]:checked')).map((box) => box.value)
    .filter((id) => connections[id]);
}

function canSearch() { return chosen().length > 0; }

// One checkbox per telephony connection, all asked by default; a choice the user made survives a reload of the list
// (a label edited elsewhere), a connection new to the list starts chosen.
function loadConnections(list, noKey) {
  const before = chosen().join();
  const unchecked = new Set(Array.from(document.querySelectorAll('input[name=all-connection]:not(:checked)'))
    .map((box) => box.value));
  const box = $('all-connections');
  box.querySelectorAll('label, .hint').forEach((node) => node.remove());
  connections = {};
  const usable = list.filter(providerOf);
  if (!usable.length) {
    box.appendChild(el('span', 'hint', noKey ? 'Paste your API key first'
      : 'No telephony connection yet: create one under Connections'));
  }
  usable.forEach((c) => {
    connections[c.id] = c;
    const input = el('input');
    input.type = 'checkbox';
    input.name = 'all-connection';
    input.value = c.id;
    input.checked = !unchecked.has(c.id);
    const label = el('label');
    label.append(input, ' ' + connectionName(c) + ' · ' + providerOf(c));
    box.appendChild(label);
  });
  $('all-search').disabled = !canSearch();
  if (chosen().join() !== before) { clearResults(); }
}

function filters() {
  const f = readFilters('all-');
  if ($('all-sort').value) { f.sort = $('all-sort').value; }
  return f;
}

async function search(limit) {
  clearResults();
  notices.clear();
  const ids = chosen();
  if (!ids.length) { notices.complain('Choose at least one connection to ask'); return; }
  const f = filters();
  const asked = Number(limit || $('all-limit').value.trim()) || DEFAULT_LIMIT;
  const params = {
    // every telephony connection is the endpoint's default: name them only when the user left some out
    connections: ids.length === Object.keys(connections).length ? '' : ids.join(','),
    limit: limit || $('all-limit').value.trim(),
    filters: Object.keys(f).length ? JSON.stringify(f) : '',
  };
  const mine = generation;
  $('all-search').disabled = true;
  try {
    const answer = await call('GET', '/v1/numbers/available/all' + query(params));
    if (mine === generation) { render(answer, f, asked, mine); }
  } catch (err) {
    if (mine === generation) { notices.problem(err); }
  } finally {
    $('all-search').disabled = !canSearch();
  }
}

function money(price) { return price ? price.amount + ' ' + price.currency : ''; }

// The provider's price as it states it, and under it the converted amount the ranking compared when currencies differ.
function priceCell(row, label, d, price, convertedAmount) {
  const td = cell(row, label, price ? money(price) : 'unknown');
  const converted = d.converted_price;
  if (price && converted && convertedAmount && converted.currency !== price.currency) {
    td.appendChild(el('div', 'converted', '≈ ' + convertedAmount + ' ' + converted.currency));
  }
}

function renderSources(sources) {
  const list = $('all-sources');
  list.textContent = '';
  (sources || []).forEach((s) => {
    const c = s.telephony_account_connection;
    const item = el('li', 'source source-' + s.status);
    item.dataset.connection = c.id;
    item.append(connectionName(c) + ' · ' + s.telephony_provider + ': ');
    item.appendChild(el('span', 'status', s.status === 'ok' ? s.count + ' numbers' : s.status));
    if (s.error) {
      // the problem's sentence; only when its detail is a list (no sentence) are the entries spelled out
      const why = typeof s.error.detail === 'string' ? [s.error.detail] : [problemHeadline(s.error), ...problemErrors(s.error)];
      const text = why.filter(Boolean).join('; ');
      item.appendChild(el('span', 'detail', ' ' + text
        + (s.error.retry_after ? ' (retry after ' + s.error.retry_after + ' s)' : '')));
    }
    list.appendChild(item);
  });
}

function render(answer, f, limit, mine) {
  const body = $('all-results').querySelector('tbody');
  body.textContent = '';
  const sources = answer.sources || [];
  const nearest = answer.items.some((n) => n.provider_details && n.provider_details.best_effort_match);
  $('all-summary').textContent = answer.items.length + ' of ' + answer.total.toLocaleString('en-US')
    + ' numbers on sale, best first, from ' + sources.length + (sources.length === 1 ? ' connection' : ' connections')
    + (nearest ? '. No exact match for every filter: the nearest numbers are marked.' : '');
  renderSources(sources);
  answer.items.forEach((n) => {
    const d = n.provider_details || {};
    const connection = n.telephony_account_connection;
    const row = numberRow(n, d);
    cell(row, 'Provider', n.telephony_provider + ' · ' + connectionName(connection), 'provider');
    cell(row, 'Where', [d.locality, d.region, d.country].filter(Boolean).join(', '));
    cell(row, 'Type', d.type || '');
    cell(row, 'Capabilities', capabilitiesOf(d));
    priceCell(row, 'Monthly', d, d.monthly_price, d.converted_price && d.converted_price.monthly_price);
    priceCell(row, 'Setup', d, d.setup_price, d.converted_price && d.converted_price.setup_price);
    const b = actionButton(row, 'Buy', 'buy', 'Buy ' + n.number + ' on ' + connectionName(connection));
    b.addEventListener('click', () => buy(n, b, mine));
    row.dataset.provider = n.telephony_provider;
    row.dataset.connection = connection.id;
    body.appendChild(row);
  });
  const empty = answer.items.length === 0;
  $('all-summary').hidden = empty && sources.every((s) => s.status === 'ok');
  $('all-empty').hidden = !empty;
  $('all-results').hidden = empty;
  if (empty) {
    $('all-empty-text').textContent = f.best_effort
      ? 'No connection has numbers matching these filters, not even nearly. Try fewer filters or another area.'
      : 'No connection has numbers matching these filters. Best effort finds the nearest numbers when nothing matches exactly.';
    $('all-retry-best-effort').hidden = !!f.best_effort;
  }
  // The endpoint has no page parameter: "more" asks again with a larger limit. There may be more when a connection
  // answered as many as it was asked for, or when the ranking kept fewer than were answered.
  const more = answer.total > answer.items.length || sources.some((s) => s.status === 'ok' && s.count >= limit);
  offerMore($('all-more'), more, limit);
  $('all-results-section').hidden = false;
}

// The number is bought as the search answered it: on its own provider and connection.
async function buy(n, b, mine) {
  notices.clear();
  const connection = n.telephony_account_connection;
  // results are cleared on any change; this makes sure of it at the moment of the click as well
  if (mine !== generation || !chosen().includes(connection.id)) {
    notices.complain('These results are from an earlier search: search again');
    clearResults();
    return;
  }
  const request = { phone_number: n.number, telephony_provider: n.telephony_provider, telephony_account_connection: connection.id };
  await acquire('buy', request, connection, b, notices);
}

on('connections', (list) => loadConnections(list));
on('key', (inUse) => {
  if (!inUse) { loadConnections([], true); clearResults(); notices.clear(); }
});
// any change of a filter or of the connections chosen makes the results shown stale
wireSearchForm({ form: $('all-form'), limit: $('all-limit'), more: $('all-more'), retry: $('all-retry-best-effort'),
  bestEffort: $('all-best-effort'), search, clear: clearResults,
  changed: () => { clearResults(); $('all-search').disabled = !canSearch(); } });
