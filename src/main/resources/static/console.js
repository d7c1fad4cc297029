// Switchboard console: plain JavaScript against the public API, with the user's own API key.
// Every value from the server is written with textContent, never as HTML.
(function () {
  'use strict';
  var KEY_STORAGE = 'switchboard.apiKey';
  var $ = function (id) { return document.getElementById(id); };
  var connections = {};
  var ALL = 'all'; // the connection picker's value for the search across every telephony connection

  function apiKey() { return sessionStorage.getItem(KEY_STORAGE) || ''; }

  function clearNotices() {
    $('error').hidden = true; $('error').textContent = '';
    $('message').hidden = true; $('message').textContent = '';
  }

  function showMessage(text) { $('message').textContent = text; $('message').hidden = false; }

  // A problem detail (RFC 9457) shown as its detail plus one line per entry of errors. A 422's detail is the SDK's
  // list of {loc, msg, type} (docs/design.md, "Errors"): its title heads it then, and errors lists each problem.
  function showProblem(status, problem) {
    var box = $('error');
    box.textContent = '';
    var head = document.createElement('strong');
    var detail = problem && typeof problem.detail === 'string' ? problem.detail : null;
    head.textContent = (problem && (detail || problem.title)) || ('The request failed (HTTP ' + status + ')');
    box.appendChild(head);
    if (problem && Array.isArray(problem.errors) && problem.errors.length) {
      var list = document.createElement('ul');
      problem.errors.forEach(function (e) {
        var item = document.createElement('li');
        item.className = 'problem-error';
        item.textContent = e.parameter + ': ' + e.message;
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (problem && problem.request_id) {
      var id = document.createElement('div');
      id.className = 'hint';
      id.textContent = 'Request id ' + problem.request_id;
      box.appendChild(id);
    }
    box.hidden = false;
  }

  function call(method, path, body, extraHeaders) {
    var headers = { 'Authorization': 'Bearer ' + apiKey(), 'Accept': 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    Object.keys(extraHeaders || {}).forEach(function (h) { headers[h] = extraHeaders[h]; });
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (response) {
        return response.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          if (!response.ok) { var err = new Error('HTTP ' + response.status); err.status = response.status; err.problem = json; throw err; }
          return json;
        });
      });
  }

  function failed(err) {
    if (err && err.status) { showProblem(err.status, err.problem); } else { showProblem(0, { detail: 'Switchboard could not be reached: ' + err }); }
  }

  function providerOf(connection) { return connection.type.replace(/^account_connection_/, ''); }

  function isTelephony(connection) { return connection.type !== 'account_connection_openai'; }

  function loadConnections() {
    clearNotices();
    var select = $('connection');
    select.disabled = true;
    $('search').disabled = true;
    return call('GET', '/v1/account_connections/list?size=100').then(function (page) {
      select.textContent = '';
      connections = {};
      var telephony = page.items.filter(isTelephony);
      var first = document.createElement('option');
      if (telephony.length) {
        // the default view: every telephony connection at once, ranked
        first.value = ALL;
        first.textContent = 'All telephony connections, ranked (' + telephony.length + ')';
      } else {
        first.value = '';
        first.textContent = 'No telephony connections yet: create one with POST /v1/account_connections/create';
      }
      select.appendChild(first);
      telephony.forEach(function (c) {
        connections[c.id] = c;
        var option = document.createElement('option');
        option.value = c.id;
        option.textContent = (c.label || '(no label)') + ' · ' + providerOf(c) + ' · ' + c.id;
        select.appendChild(option);
      });
      select.disabled = telephony.length === 0;
      select.value = first.value;
      $('search').disabled = !searchable();
    }).catch(failed);
  }

  function text(id) { return $(id).value.trim(); }

  function filters() {
    var f = {};
    var source = $('source').value;
    if (source !== 'inventory') { f.source = source; }
    [['country', 'country'], ['type', 'type'], ['area-code', 'area_code'], ['contains', 'contains'],
     ['starts-with', 'starts_with'], ['ends-with', 'ends_with'], ['region', 'region'], ['locality', 'locality'],
     ['postal-code', 'postal_code']].forEach(function (pair) {
      var value = text(pair[0]);
      if (value) { f[pair[1]] = value; }
    });
    var capabilities = Array.prototype.slice.call(document.querySelectorAll('input[name=capability]:checked'))
      .map(function (box) { return box.value; });
    if (capabilities.length) { f.capabilities = capabilities; }
    if ($('exclude-address-required').checked) { f.exclude_address_required = true; }
    if ($('best-effort').checked) { f.best_effort = true; }
    if ($('sort').value) { f.sort = $('sort').value; }
    return f;
  }

  function searchable() { return $('connection').value === ALL || !!connections[$('connection').value]; }

  function search() {
    clearNotices();
    var everywhere = $('connection').value === ALL;
    var connection = connections[$('connection').value];
    if (!everywhere && !connection) { showProblem(0, { detail: 'Pick an account connection first' }); return; }
    var params = new URLSearchParams();
    if (!everywhere) {
      params.set('telephony_provider', providerOf(connection));
      params.set('telephony_account_connection', connection.id);
    }
    if (text('limit')) { params.set('limit', text('limit')); }
    var f = filters();
    if (Object.keys(f).length) { params.set('filters', JSON.stringify(f)); }
    $('search').disabled = true;
    call('GET', '/v1/numbers/available' + (everywhere ? '/all?' : '?') + params.toString())
      .then(function (answer) { render(answer, f.source || 'inventory', everywhere); })
      .catch(failed)
      .then(function () { $('search').disabled = false; });
  }

  function money(price) { return price ? price.amount + ' ' + price.currency : ''; }

  // The provider's price, and beside it the converted one the ranking compared when the currencies differ.
  function priceCells(row, details, original, convertedAmount) {
    var td = cell(row, original ? money(original) : 'unknown');
    var converted = details.converted_price;
    if (original && converted && convertedAmount && converted.currency !== original.currency) {
      var note = document.createElement('div');
      note.className = 'hint';
      note.textContent = '≈ ' + convertedAmount + ' ' + converted.currency;
      td.appendChild(note);
    }
  }

  function renderSources(sources) {
    var list = $('sources');
    list.textContent = '';
    (sources || []).forEach(function (s) {
      var item = document.createElement('li');
      var c = s.telephony_account_connection;
      item.className = 'source source-' + s.status;
      item.dataset.connection = c.id;
      item.appendChild(document.createTextNode((c.label || c.id) + ' · ' + s.telephony_provider + ': '));
      var status = document.createElement('span');
      status.className = 'status';
      status.textContent = s.status === 'ok' ? s.count + ' numbers' : s.status;
      item.appendChild(status);
      if (s.error) {
        var detail = document.createElement('span');
        detail.className = 'detail';
        detail.textContent = ' ' + (s.error.detail || s.error.title)
          + (s.error.retry_after ? ' (retry after ' + s.error.retry_after + ' s)' : '');
        item.appendChild(detail);
      }
      list.appendChild(item);
    });
    list.hidden = !sources;
  }

  function cell(row, value, className) {
    var td = document.createElement('td');
    td.textContent = value;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function render(answer, source, everywhere) {
    var body = $('results').querySelector('tbody');
    body.textContent = '';
    $('summary').textContent = answer.items.length + ' of ' + answer.total + (answer.total_is_estimated ? ' (or more)' : '')
      + ' numbers' + (source === 'account' ? ' owned by the account' : ' on sale')
      + (everywhere ? ', best first, from ' + answer.sources.length + ' connections' : '');
    renderSources(everywhere ? answer.sources : null);
    answer.items.forEach(function (n) {
      var d = n.provider_details || {};
      var connection = n.telephony_account_connection;
      var row = document.createElement('tr');
      var numberCell = cell(row, n.number, 'number');
      if (d.sandbox) { var badge = document.createElement('span'); badge.className = 'badge'; badge.textContent = 'sandbox'; numberCell.appendChild(document.createTextNode(' ')); numberCell.appendChild(badge); }
      if (d.best_effort_match) { var near = document.createElement('span'); near.className = 'badge'; near.textContent = 'near match'; numberCell.appendChild(document.createTextNode(' ')); numberCell.appendChild(near); }
      cell(row, n.telephony_provider + (connection.label ? ' · ' + connection.label : ''), 'provider');
      cell(row, [d.locality, d.region, d.country].filter(Boolean).join(', '));
      cell(row, d.type || '');
      var caps = d.capabilities || {};
      cell(row, ['voice', 'sms', 'mms', 'fax'].filter(function (c) { return caps[c]; }).join(' '));
      priceCells(row, d, d.monthly_price, d.converted_price && d.converted_price.monthly_price);
      priceCells(row, d, d.setup_price, d.converted_price && d.converted_price.setup_price);
      var action = document.createElement('td');
      var button = document.createElement('button');
      button.type = 'button';
      if (source === 'account') {
        button.className = 'link';
        button.textContent = n.id ? 'Linked' : 'Link';
        button.disabled = !!n.id;
      } else {
        button.className = 'buy';
        button.textContent = 'Buy';
      }
      button.addEventListener('click', function () { acquire(source === 'account' ? 'link' : 'buy', n, button); });
      action.appendChild(button);
      row.appendChild(action);
      row.dataset.number = n.number;
      row.dataset.provider = n.telephony_provider;
      body.appendChild(row);
    });
    $('results-section').hidden = false;
  }

  // The item is taken as the search answered it: its own provider and connection, whichever view found it.
  function acquire(kind, item, button) {
    clearNotices();
    button.disabled = true;
    var number = item.number;
    var connection = item.telephony_account_connection;
    var request = { phone_number: number, telephony_provider: item.telephony_provider, telephony_account_connection: connection.id };
    // one key per click: a retried request (network blip) never buys twice
    var headers = kind === 'buy' ? { 'Idempotency-Key': (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random() } : {};
    call('POST', '/v1/numbers/' + kind, request, headers).then(function (result) {
      var got = (result && result.number) || number;
      showMessage((kind === 'buy' ? 'Bought ' : 'Linked ') + got + ' on ' + (connection.label || connection.id));
      button.textContent = kind === 'buy' ? 'Bought' : 'Linked';
      var row = button.closest('tr');
      if (row) { row.classList.add('acquired'); }
    }).catch(function (err) { button.disabled = false; failed(err); });
  }

  $('key-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var key = $('api-key').value.trim();
    if (!key) { showProblem(0, { detail: 'Paste an API key' }); return; }
    sessionStorage.setItem(KEY_STORAGE, key);
    $('api-key').value = '';
    $('api-key').placeholder = 'key in use (this tab only)';
    loadConnections();
  });
  $('forget-key').addEventListener('click', function () {
    sessionStorage.removeItem(KEY_STORAGE);
    $('api-key').placeholder = 'sb_…';
    $('connection').textContent = '';
    $('connection').disabled = true;
    $('search').disabled = true;
    $('results-section').hidden = true;
    clearNotices();
  });
  $('connection').addEventListener('change', function () { $('search').disabled = !searchable(); });
  $('search-form').addEventListener('submit', function (event) { event.preventDefault(); search(); });

  if (apiKey()) { $('api-key').placeholder = 'key in use (this tab only)'; loadConnections(); }
})();
