// The connections view: the user's account connections, a new one of any telephony provider with that provider's
// credential fields, and changes to one (label, a rotated secret). Announces the list to the views that pick one.
import { $, call, query, announce, on, noticesOf, el, cell, button, listAll, providerOf, connectionName } from './api.js';

// The credential fields of each type, as POST /v1/account_connections/create takes them (formats checked by the API).
const CREDENTIALS = {
  sandbox: [],
  twilio: [
    { name: 'twilio_account_sid', label: 'Account SID', secret: false, placeholder: 'AC followed by 32 hex characters' },
    { name: 'twilio_auth_token', label: 'Auth token', secret: true, placeholder: '32 letters and digits' },
  ],
  telnyx: [{ name: 'telnyx_api_key', label: 'API key (v2)', secret: true, placeholder: 'KEY…' }],
  vonage: [
    { name: 'vonage_api_key', label: 'API key', secret: true, placeholder: '6 to 32 letters and digits' },
    { name: 'vonage_api_secret', label: 'API secret', secret: true, placeholder: '6 to 64 letters and digits' },
  ],
  // not offered for creation here (agents use it, numbers cannot), but its key can be rotated
  openai: [{ name: 'openai_api_key', label: 'OpenAI API key', secret: true, placeholder: 'sk-…' }],
};

const notices = noticesOf('connections');
let connections = [];
let editing = null;

function typeName(connection) { return connection.type.replace(/^account_connection_/, ''); }

// Inputs for the credential fields of a type, in `container`; ids are <prefix>-<field name>.
function credentialInputs(container, type, prefix, current) {
  container.textContent = '';
  const fields = CREDENTIALS[type] || [];
  if (!fields.length) {
    container.appendChild(el('p', 'hint', 'The sandbox takes no credentials.'));
    return;
  }
  const grid = el('div', 'grid');
  fields.forEach((field) => {
    const label = el('label', null, field.label + ' ');
    const input = el('input');
    input.id = prefix + '-' + field.name;
    input.dataset.field = field.name;
    input.type = field.secret ? 'password' : 'text';
    input.spellcheck = false;
    input.autocomplete = 'off';
    input.placeholder = current && current[field.name] ? 'now ' + current[field.name] : field.placeholder;
    label.appendChild(input);
    grid.appendChild(label);
  });
  container.appendChild(grid);
}

// The fields filled in; an empty one is left out (on create the API then names it as required, on update it stays).
function credentialsFrom(container) {
  const credentials = {};
  container.querySelectorAll('input[data-field]').forEach((input) => {
    if (input.value.trim()) { credentials[input.dataset.field] = input.value.trim(); }
  });
  return credentials;
}

function render() {
  const body = $('connections-table').querySelector('tbody');
  body.textContent = '';
  connections.forEach((c) => {
    const row = el('tr');
    row.dataset.id = c.id;
    cell(row, 'Label', c.label || '(no label)');
    cell(row, 'Provider', typeName(c) + (providerOf(c) ? '' : ' (not for numbers)'));
    cell(row, 'Credentials', Object.entries(c.credentials || {}).map(([k, v]) => k + ' ' + v).join(', ') || 'none', 'secret');
    cell(row, 'Id', c.id, 'id');
    const actions = cell(row, 'Actions', null, 'actions');
    const edit = button('Edit', 'edit', () => startEdit(c));
    edit.setAttribute('aria-label', 'Edit ' + connectionName(c));
    actions.appendChild(edit);
    body.appendChild(row);
  });
  $('connections-table').hidden = connections.length === 0;
  $('connections-empty').hidden = connections.length !== 0;
}

// Bumped by each load: only the latest answer is drawn (a key changed meanwhile makes an earlier one stale).
let loads = 0;

export async function load() {
  const mine = ++loads;
  let list;
  try {
    list = await listAll('/v1/account_connections/list');
  } catch (err) {
    if (mine === loads) { notices.problem(err); }
    return;
  }
  if (mine !== loads) { return; }
  connections = list;
  render();
  announce('connections', connections);
}

function startEdit(connection) {
  editing = connection;
  notices.clear();
  $('connection-edit-title').textContent = 'Edit ' + connectionName(connection) + ' (' + typeName(connection) + ')';
  $('edit-connection-label').value = connection.label || '';
  credentialInputs($('edit-connection-credentials'), typeName(connection), 'edit', connection.credentials);
  $('connection-edit-form').hidden = false;
  $('edit-connection-label').focus();
}

function stopEdit() {
  editing = null;
  $('connection-edit-form').hidden = true;
}

$('connection-edit-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!editing) { return; }
  const change = { label: $('edit-connection-label').value.trim() };
  const credentials = credentialsFrom($('edit-connection-credentials'));
  if (Object.keys(credentials).length) { change.credentials = credentials; }
  $('save-connection').disabled = true;
  try {
    const updated = await call('POST', '/v1/account_connections/update' + query({ id: editing.id }), change);
    stopEdit();
    await load();
    notices.message('Saved ' + connectionName(updated)
      + (change.credentials ? ': ' + Object.keys(change.credentials).join(', ') + ' replaced' : ''));
  } catch (err) {
    notices.problem(err);
  } finally {
    $('save-connection').disabled = false;
  }
});
$('close-connection-edit').addEventListener('click', stopEdit);

$('new-connection-type').addEventListener('change', () =>
  credentialInputs($('new-connection-credentials'), $('new-connection-type').value, 'new'));

$('connection-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const type = $('new-connection-type').value;
  const request = { type: 'account_connection_' + type };
  const label = $('new-connection-label').value.trim();
  if (label) { request.label = label; }
  if (CREDENTIALS[type].length) { request.credentials = credentialsFrom($('new-connection-credentials')); }
  $('create-connection').disabled = true;
  try {
    const created = await call('POST', '/v1/account_connections/create', request);
    $('connection-form').reset();
    credentialInputs($('new-connection-credentials'), $('new-connection-type').value, 'new');
    await load();
    notices.message('Created ' + connectionName(created) + ' (' + typeName(created) + ')');
  } catch (err) {
    notices.problem(err);
  } finally {
    $('create-connection').disabled = false;
  }
});

on('key', (inUse) => {
  loads++;
  stopEdit();
  notices.clear();
  connections = [];
  render();
  if (inUse) { load(); }
});

credentialInputs($('new-connection-credentials'), $('new-connection-type').value, 'new');
