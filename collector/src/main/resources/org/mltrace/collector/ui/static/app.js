// mltrace web UI: the router, the command bar and the helpers every view uses.
// Data reaches the page only through text nodes and attribute setters (see h()), never as
// markup to parse, so a captured "<script>" is shown as text.
'use strict';

const TOKEN_KEY = 'mltrace-token';

/** An element: h('a', {href: '#/x', class: 'c', onclick: fn}, 'text', child, ...). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.substring(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** The API's JSON, or an Error with the server's one-line message. */
async function api(path, params, body) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined) query.set(k, v);
  }
  const headers = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers['Authorization'] = 'Bearer ' + token;
  const init = {headers};
  if (body) {
    init.method = 'POST';
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const qs = query.toString();
  const response = await fetch('api/' + path + (qs ? '?' + qs : ''), init);
  const json = await response.json().catch(() => ({error: 'HTTP ' + response.status}));
  if (!response.ok) throw new Error(json.error || 'HTTP ' + response.status);
  return json;
}

function link(route, text, cls) {
  return h('a', {href: '#/' + route, class: cls}, text);
}

const routeOf = {
  run: id => 'run/' + encodeURIComponent(id),
  /** limits: {depth, since, until}, each left out when empty. */
  trace: (id, dir, limits) => {
    const q = new URLSearchParams();
    if (dir === 'impact') q.set('impact', '');
    for (const [k, v] of Object.entries(limits || {})) if (v) q.set(k, v);
    const qs = q.toString().replace(/^impact=(&|$)/, 'impact$1');
    return 'trace/' + encodeURIComponent(id) + (qs ? '?' + qs : '');
  },
  history: name => 'history/' + encodeURIComponent(name),
};

function runLink(id) {
  return link(routeOf.run(id), id, 'mono');
}

function statusCell(status) {
  return h('span', {class: 'status-' + status}, status);
}

function time(iso) {
  return iso ? iso.replace('T', ' ').replace('Z', '') : '';
}

function table(headers, rows) {
  return h('table', {},
    h('thead', {}, h('tr', {}, headers.map(t => h('th', {}, t)))),
    h('tbody', {}, rows.map(cells => h('tr', {}, cells.map(c => h('td', {}, c))))));
}

function message(text, ok) {
  const el = document.getElementById('message');
  el.textContent = text || '';
  el.className = ok ? 'ok' : '';
}

/** Parses a command-bar line into a route, running flag/unflag first. */
async function runCommand(line) {
  const words = line.trim().split(/\s+/);
  const verb = (words.shift() || '').toLowerCase();
  const arg = line.trim().substring(verb.length).trim();
  const needs = () => { if (!arg) throw new Error(verb + ' needs an argument'); };
  switch (verb) {
    case 'trace': needs(); return routeOf.trace(arg);
    case 'impact': needs(); return routeOf.trace(arg, 'impact');
    case 'history': needs(); return routeOf.history(arg);
    case 'inspect': needs(); return routeOf.run(arg);
    case 'review': case 'stale': case 'recent': case 'alerts': case 'components': case 'monitor': return verb;
    case 'flag': case 'unflag':
      needs();
      await api(verb, {}, {id: arg});
      message((verb === 'flag' ? 'flagged ' : 'unflagged ') + arg, true);
      return 'review';
    default:
      throw new Error('unknown command "' + verb + '": try trace, history, inspect, review, stale, flag, unflag, recent, monitor');
  }
}

async function render() {
  const started = performance.now();
  document.body.removeAttribute('data-ready');
  let hash = location.hash;
  if (hash.startsWith('#token=')) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(hash.substring(7)));
    history.replaceState(null, '', '#/components');
    hash = '#/components';
  }
  const [path, query] = (hash.substring(2) || 'components').split('?');
  const [name, ...rest] = path.split('/');
  const arg = rest.length ? decodeURIComponent(rest.join('/')) : null;
  const view = document.getElementById('view');
  const body = h('div', {});
  try {
    const draw = Views[name];
    if (!draw) throw new Error('no page ' + name);
    const attached = await draw(body, arg, new URLSearchParams(query || ''));
    view.replaceChildren(body);
    // Charts measure their box, so they are drawn once the page is in the document.
    if (typeof attached === 'function') attached();
    document.body.setAttribute('data-view', name);
  } catch (e) {
    view.replaceChildren(h('p', {class: 'bad'}, e.message));
    document.body.setAttribute('data-view', 'error');
  }
  // How long the page took, API call and layout included (read by the browser tests).
  void document.body.offsetHeight;
  document.body.setAttribute('data-render-ms', String(Math.round(performance.now() - started)));
  document.body.setAttribute('data-ready', String(Date.now()));
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('command-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const input = document.getElementById('command');
    try {
      const route = await runCommand(input.value);
      input.value = '';
      if (location.hash === '#/' + route) await render(); else location.hash = '#/' + route;
    } catch (e) {
      message(e.message);
    }
  });
  window.addEventListener('hashchange', () => { render(); });
  render();
});
