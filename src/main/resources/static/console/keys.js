// The API key view: take a key, check it once against the API, and tell the other views to load (or to forget).
// The user's list of keys (create, revoke) comes with the API keys endpoints, which this build does not have yet.
import { $, apiKey, setApiKey, forgetApiKey, call, announce, noticesOf } from './api.js';

const notices = noticesOf('key');

function showViews(shown) {
  document.querySelectorAll('.needs-key').forEach((section) => { section.hidden = !shown; });
  $('key-state').textContent = shown ? 'A key is in use in this tab.' : '';
  $('api-key').placeholder = shown ? 'key in use (this tab only)' : 'sb_…';
}

// One cheap authenticated call decides whether the key is good, so a wrong key is reported once, here, rather
// than by every view that would load with it.
async function useKey(key) {
  setApiKey(key);
  try {
    await call('GET', '/v1/account_connections/list?page=1&size=1');
  } catch (err) {
    forgetApiKey();
    showViews(false);
    announce('key', false);
    notices.problem(err);
    return;
  }
  notices.clear();
  showViews(true);
  announce('key', true);
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = $('api-key').value.trim();
  if (!key) { notices.complain('Paste an API key'); return; }
  $('api-key').value = '';
  useKey(key);
});

$('forget-key').addEventListener('click', () => {
  forgetApiKey();
  showViews(false);
  announce('key', false);
  notices.message('Key forgotten: nothing of it is left in this tab.');
});

if (apiKey()) { useKey(apiKey()); }
