// The "my numbers" view: the user's numbers a page at a time (GET /v1/numbers/list, sorted), each with its label
// and the agent that answers it (POST /v1/numbers/update), and cancelled after a confirmation (POST /v1/numbers/cancel).
import { $, call, query, on, noticesOf, el, cell, button, connectionName } from './api.js';

const notices = noticesOf('numbers');
let page = 1;
let agents = [];
let connections = {};
let agentsKnown = false;
let keyInUse = false;
// Bumped by each load: only the latest answer is drawn, whatever order the answers arrive in.
let loads = 0;

// GET /v1/numbers/list gives what a number references by id; get and update answer it expanded
function idOf(reference) { return reference && typeof reference === 'object' ? reference.id : reference; }

function agentPicker(number) {
  const select = el('select', 'agent');
  select.setAttribute('aria-label', 'Agent answering ' + number.number);
  const none = el('option', null, 'no agent');
  none.value = '';
  select.appendChild(none);
  const current = idOf(number.inbound_agent);
  agents.forEach((a) => {
    const option = el('option', null, a.name);
    option.value = a.id;
    select.appendChild(option);
  });
  // an agent not in the list (created elsewhere since) is still shown as the one answering
  if (current && !agents.some((a) => a.id === current)) {
    const option = el('option', null, number.inbound_agent_name || current);
    option.value = current;
    select.appendChild(option);
  }
  select.value = current || '';
  return select;
}

function render(answer) {
  const body = $('numbers-table').querySelector('tbody');
  body.textContent = '';
  answer.items.forEach((n) => {
    const row = el('tr');
    row.dataset.number = n.number;
    const numberCell = cell(row, 'Number', n.number, 'number');
    if (!n.active) { numberCell.append(' ', el('span', 'badge', 'inactive')); }
    const labelInput = el('input', 'label');
    labelInput.value = n.label || '';
    labelInput.maxLength = 200;
    labelInput.setAttribute('aria-label', 'Label of ' + n.number);
    cell(row, 'Label').appendChild(labelInput);
    const picker = agentPicker(n);
    cell(row, 'Agent').appendChild(picker);
    // the list names the connection by id (the SDK's NormalizedPhoneNumber): its label comes from the connections
    const c = connections[idOf(n.telephony_account_connection)] || { id: idOf(n.telephony_account_connection) };
    cell(row, 'Connection', connectionName(c) + ' · ' + n.telephony_provider);
    const actions = cell(row, 'Actions', null, 'actions');
    const save = button('Save', 'save', () => update(n, labelInput, picker, save));
    save.setAttribute('aria-label', 'Save ' + n.number);
    const cancel = button('Cancel number…', 'cancel', () => confirmCancel(n, actions));
    cancel.setAttribute('aria-label', 'Cancel ' + n.number);
    actions.append(save, cancel);
    body.appendChild(row);
  });
  const empty = answer.items.length === 0 && page === 1;
  $('numbers-empty').hidden = !empty;
  $('numbers-table').hidden = answer.items.length === 0;
  const first = (answer.page - 1) * answer.size + 1;
  $('numbers-page').textContent = answer.items.length
    ? 'Page ' + answer.page + ': ' + first + '–' + (first + answer.items.length - 1) + ' of ' + answer.total
    : (page > 1 ? 'Page ' + page + ' is empty' : '');
  $('numbers-prev').disabled = page <= 1;
  $('numbers-next').disabled = !answer.has_more;
}

export async function load() {
  if (!keyInUse) { return; }
  const params = {
    page,
    size: $('numbers-size').value,
    sort_column: $('numbers-sort').value,
    sort_desc: $('numbers-order').value,
  };
  const mine = ++loads;
  try {
    const answer = await call('GET', '/v1/numbers/list' + query(params));
    if (mine === loads) { render(answer); }
  } catch (err) {
    if (mine === loads) { notices.problem(err); }
  }
}

async function update(number, labelInput, picker, save) {
  // null clears: an emptied label or "no agent" is sent as null, as POST /v1/numbers/update takes it
  const change = { label: labelInput.value.trim() || null, inbound_agent: picker.value || null };
  save.disabled = true;
  try {
    const updated = await call('POST', '/v1/numbers/update' + query({ phone_number: number.number }), change);
    notices.message('Saved ' + updated.number + (updated.inbound_agent_name ? ', answered by ' + updated.inbound_agent_name : ', no agent'));
    await load();
  } catch (err) {
    notices.problem(err);
  } finally {
    save.disabled = false;
  }
}

// Cancelling releases a bought number at the provider (it cannot be had back): the row asks first, in place.
function confirmCancel(number, actions) {
  const before = Array.from(actions.childNodes);
  actions.textContent = '';
  const question = el('span', 'confirm', 'Cancel ' + number.number + '? A bought number is released at the provider. ');
  const yes = button('Yes, cancel it', 'confirm-cancel danger', async () => {
    yes.disabled = true;
    try {
      await call('POST', '/v1/numbers/cancel' + query({ phone_number: number.number }));
      notices.message('Cancelled ' + number.number);
      await load();
    } catch (err) {
      notices.problem(err);
      actions.replaceChildren(...before);
    }
  });
  const no = button('Keep it', 'keep', () => { actions.replaceChildren(...before); before[before.length - 1].focus(); });
  actions.append(question, yes, no);
  no.focus();
}

$('numbers-form').addEventListener('submit', (event) => { event.preventDefault(); notices.clear(); load(); });
['numbers-sort', 'numbers-order', 'numbers-size'].forEach((id) =>
  $(id).addEventListener('change', () => { page = 1; load(); }));
$('numbers-prev').addEventListener('click', () => { page = Math.max(1, page - 1); load(); });
$('numbers-next').addEventListener('click', () => { page++; load(); });

on('key', (inUse) => {
  loads++;
  keyInUse = inUse;
  agentsKnown = false;
  page = 1;
  notices.clear();
  render({ items: [], page: 1, size: 20, total: 0, has_more: false });
  $('numbers-empty').hidden = true;
  // the list is loaded when the agents are (announced after every key change), so it is drawn with its pickers once
});
on('numbers', () => load());
// a connection's label is drawn once known; before the agents are, the list waits for them (one draw with pickers)
on('connections', (list) => { connections = Object.fromEntries(list.map((c) => [c.id, c])); if (agentsKnown) { load(); } });
// a new agent appears in every picker; the numbers are drawn again with the current page
on('agents', (list) => { agents = list; agentsKnown = true; load(); });
