// The agents view: the user's agents, and a new one with a name and a prompt. The API stores a prompt as its own
// resource that agents reference by id, so creating an agent here is two calls: the prompt, then the agent.
import { $, call, announce, on, noticesOf, el, cell, listAll } from './api.js';

const notices = noticesOf('agents');
let agents = [];
let prompts = {};
// The prompt created for an agent whose creation then failed: a retry with the same text reuses it, not a second.
let unusedPrompt = null;

function render() {
  const body = $('agents-table').querySelector('tbody');
  body.textContent = '';
  agents.forEach((a) => {
    const row = el('tr');
    row.dataset.id = a.id;
    cell(row, 'Name', a.name, 'name');
    // the list gives the prompt by id (the SDK's NormalizedAgent): its text comes from the user's prompts
    const prompt = a.prompt && typeof a.prompt === 'object' ? a.prompt : prompts[a.prompt];
    const content = (prompt && prompt.content) || '';
    cell(row, 'Prompt', content.length > 120 ? content.slice(0, 119) + '…' : content || '(none)', 'prompt');
    cell(row, 'Language', a.language);
    cell(row, 'Id', a.id, 'id');
    body.appendChild(row);
  });
  $('agents-table').hidden = agents.length === 0;
  $('agents-empty').hidden = agents.length !== 0;
}

// Bumped by each load: only the latest answer is drawn (a key changed meanwhile makes an earlier one stale).
let loads = 0;

export async function load() {
  const mine = ++loads;
  let list = [];
  try {
    const [agentList, promptList] = await Promise.all([listAll('/v1/agents/list'), listAll('/v1/prompts/list')]);
    list = agentList;
    prompts = Object.fromEntries(promptList.map((p) => [p.id, p]));
  } catch (err) {
    if (mine === loads) { notices.problem(err); }
  }
  if (mine !== loads) { return; }
  agents = list;
  render();
  announce('agents', agents);
}

$('agent-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  notices.clear();
  const name = $('agent-name').value.trim();
  const content = $('agent-prompt').value.trim();
  if (!name || !content) {
    notices.complain(!name && !content ? 'Give the agent a name and a prompt' : !name ? 'Give the agent a name' : 'Give the agent a prompt');
    (!name ? $('agent-name') : $('agent-prompt')).focus();
    return;
  }
  $('create-agent').disabled = true;
  try {
    if (!unusedPrompt || unusedPrompt.content !== content) {
      const prompt = await call('POST', '/v1/prompts/create', { label: name, content });
      unusedPrompt = { id: prompt.id, content };
    }
    const agent = await call('POST', '/v1/agents/create', { name, prompt: unusedPrompt.id });
    unusedPrompt = null;
    $('agent-form').reset();
    await load();
    notices.message('Created agent ' + agent.name + ': pick it for a number under My numbers');
  } catch (err) {
    notices.problem(err);
  } finally {
    $('create-agent').disabled = false;
  }
});

on('key', (inUse) => {
  loads++;
  agents = [];
  unusedPrompt = null;
  notices.clear();
  render();
  $('agents-empty').hidden = true;
  if (inUse) { load(); } else { announce('agents', []); }
});
