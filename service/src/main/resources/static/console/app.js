// The console's shell: hash routes to one module per page, and the API-key sign-in when the service has one.
import {get, api} from './api.js';
import {h, showError, statusRegion, report} from './ui.js';

const PAGES = {
  overview: () => import('./overview.js'),
  pipelines: () => import('./pipelines.js'),
  pipeline: () => import('./pipeline.js'),
  connectors: () => import('./connectors.js'),
  connections: () => import('./connections.js'),
  topics: () => import('./topics.js'),
  'dead-letters': () => import('./deadletters.js'),
};

const main = document.getElementById('main');
const signOut = document.getElementById('sign-out');
let leave = null;
let session = {key_required: false, signed_in: true};

async function route(focus) {
  if (leave) { leave(); leave = null; }
  showError(null);
  if (session.key_required && !session.signed_in) { signIn(); return; }
  const [, page = 'overview', ...rest] = location.hash.split('/');
  const load = PAGES[page] || PAGES.overview;
  const module = await load();
  main.replaceChildren();
  leave = module.render(main, rest.map(decodeURIComponent).join('/')) || null;
  document.querySelectorAll('nav a').forEach(a =>
    a.getAttribute('href') === `#/${page}` ? a.setAttribute('aria-current', 'page') : a.removeAttribute('aria-current'));
  if (focus) main.querySelector('h2')?.focus();
}

function signIn() {
  const status = statusRegion();
  const input = h('input', {id: 'api-key', name: 'api_key', type: 'password', autocomplete: 'current-password',
    required: true, 'aria-describedby': 'api-key-hint'});
  const form = h('form', {class: 'api-form', 'aria-label': 'Sign in'},
    h('fieldset', {}, h('legend', {}, 'Sign in'),
      h('div', {class: 'field'}, h('label', {for: 'api-key'}, 'API key'), input,
        h('small', {id: 'api-key-hint', class: 'hint'}, 'The value of SPILLWAY_API_KEY. The service keeps your '
          + 'session in an HttpOnly cookie; the browser never stores the key.'))),
    h('button', {type: 'submit'}, 'Sign in'), status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const result = await report(status, () => api('POST', '/console/session', {api_key: input.value}), 'signed in');
    input.value = '';
    if (result) { session = result; signOut.hidden = false; route(true); }
  });
  main.replaceChildren(h('h2', {tabindex: -1}, 'Sign in'), form);
  input.focus();
}

signOut.addEventListener('click', async () => {
  try {
    await api('DELETE', '/console/session');
    session = {key_required: true, signed_in: false};
    signOut.hidden = true;
    route(true);
  } catch (e) { showError(e); }
});

window.addEventListener('spillway:sign-in-needed', () => {
  if (session.key_required && session.signed_in) { session.signed_in = false; signOut.hidden = true; route(true); }
});
window.addEventListener('hashchange', () => route(true));

try { session = await get('/console/session'); } catch (e) { showError(e); }
signOut.hidden = !(session.key_required && session.signed_in);
route(false);
