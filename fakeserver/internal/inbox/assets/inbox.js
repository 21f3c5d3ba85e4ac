// The inbox of the fake Tencent SMS server: a live list of held messages,
// their details, conversations and the server's controls. Hand-written,
// no framework: EventSource for changes, fetch for the admin API. Every
// value from the server is put in the page as text (textContent), never
// as HTML, so a message holding markup shows the markup.
'use strict';

const API = '/_fake';
const PAGE = 50;
const FILTERS = ['text', 'number', 'template', 'tag', 'app', 'since', 'until'];
const VIEW_KEYS = ['m', 'conv', 'view'];
const $ = (sel, root = document) => root.querySelector(sel);

// el builds an element: props sets class, text, attributes (attr), dataset
// (data) and listeners (on*); children are nodes or strings (as text).
function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k === 'attr') for (const [a, av] of Object.entries(v)) e.setAttribute(a, av);
    else if (k === 'data') Object.assign(e.dataset, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e[k] = v;
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// api calls the admin API. Changes always send a JSON body, {} at least:
// the server refuses state-changing requests without one.
async function api(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (method !== 'GET') {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  const res = await fetch(API + path, init);
  let data = null;
  try { data = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) throw new Error((data && data.error) || `${res.status} ${res.statusText}`);
  return data;
}

// ---- formatting ----

const regionNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;
function countryName(iso) {
  if (!iso || iso === 'UNKNOWN') return 'unknown country';
  try { return (regionNames && regionNames.of(iso)) || iso; } catch { return iso; }
}
function pad(n) { return String(n).padStart(2, '0'); }
function shortTime(iso) {
  const d = new Date(iso);
  const now = new Date();
  const hms = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (d.toDateString() === now.toDateString()) return hms;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hms}`;
}
function longTime(iso) {
  if (!iso || iso.startsWith('0001-')) return '';
  const d = new Date(iso);
  const off = -d.getTimezoneOffset();
  const zone = off === 0 ? 'UTC' : `UTC${off > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${zone}`;
}
function timeEl(iso, long) {
  return el('time', { attr: { datetime: iso, title: iso }, text: long ? longTime(iso) : shortTime(iso) });
}
function plural(n, one, many) { return `${n.toLocaleString()} ${n === 1 ? one : many || one + 's'}`; }
function receipt(m) {
  if (m.receiptStatus === 'SUCCESS') return { cls: 'ok', text: 'Delivered' };
  if (m.receiptStatus === 'FAIL') return { cls: 'fail', text: `Failed · ${m.receiptCode || 'FAIL'}` };
  if (m.receiptTime) return { cls: 'wait', text: 'Sending' };
  return { cls: 'wait', text: 'No receipt' };
}
function prettyJSON(s) {
  try { return JSON.stringify(JSON.parse(s), null, 2); } catch { return s; }
}
function toLocalInput(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
function fromLocalInput(v) {
  if (!v) return '';
  const d = new Date(v);
  return isNaN(d) ? '' : d.toISOString();
}

// ---- state: the URL is the state ----

let params = new URLSearchParams(location.search);
let listKey = null; // the filters and cursor the list was loaded with
let page = { messages: [], total: 0, next: '' };
let selected = -1; // index of the selected row
let unseen = 0; // messages that arrived while not on the newest page
let events = null;
let reloadTimer = 0;
let pane = null; // what the pane shows: {kind, key, refresh}

function filterQuery(p = params) {
  const q = new URLSearchParams();
  for (const f of FILTERS) if (p.get(f)) q.set(f, p.get(f));
  return q;
}
function listKeyOf(p) {
  const q = filterQuery(p);
  for (const c of ['before', 'after']) if (p.get(c)) q.set(c, p.get(c));
  return q.toString();
}

// navigate changes the URL (keeping what set does not name) and shows it.
function navigate(set, { replace = false, keepView = false } = {}) {
  const p = new URLSearchParams(params);
  if (!keepView) for (const k of VIEW_KEYS) p.delete(k);
  for (const [k, v] of Object.entries(set)) {
    if (v === '' || v === null || v === undefined) p.delete(k); else p.set(k, v);
  }
  const url = p.toString() ? `?${p}` : location.pathname;
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  route();
}
function navigateFilters(set) {
  navigate({ ...set, before: '', after: '' });
}

function route() {
  params = new URLSearchParams(location.search);
  syncFilterInputs();
  const key = listKeyOf(params);
  if (key !== listKey) {
    const filtersChanged = listKey === null || filterQuery(new URLSearchParams(listKey)).toString() !== filterQuery().toString();
    listKey = key;
    loadList();
    if (filtersChanged) connectEvents();
  }
  showPane();
}

// ---- the list ----

async function loadList() {
  const key = listKey;
  const q = filterQuery();
  q.set('limit', PAGE);
  const after = params.get('after');
  if (after) { q.set('order', 'asc'); q.set('after', after); } else {
    q.set('order', 'desc');
    if (params.get('before')) q.set('before', params.get('before'));
  }
  let p;
  try {
    p = await api('GET', `/messages?${q}`);
  } catch (err) {
    if (key === listKey) showListError(err);
    return;
  }
  if (key !== listKey) return; // a newer load is under way
  if (after) p.messages.reverse();
  page = p;
  unseen = 0;
  renderList();
}

function scheduleReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => { loadList(); if (pane && pane.refresh) pane.refresh(); }, 250);
}

function onFirstPage() { return !params.get('before') && !params.get('after'); }

function renderList() {
  $('#list').replaceChildren(...page.messages.map(rowOf));
  selected = Math.min(selected, page.messages.length - 1);
  markSelected();
  const empty = $('#empty');
  empty.hidden = page.messages.length > 0;
  if (!empty.hidden) {
    const filtered = filterQuery().toString() !== '';
    empty.replaceChildren(filtered
      ? el('p', { text: 'No message matches these filters.' })
      : el('div', {}, el('p', { class: 'big', text: 'No messages yet' }),
        el('p', { text: 'Point a Tencent Cloud SDK at this server and send an SMS: it shows up here at once.' })));
  }
  const first = page.messages[0], last = page.messages[page.messages.length - 1];
  const after = params.get('after');
  $('#newer').disabled = onFirstPage() || (after && !page.next) || !first;
  $('#older').disabled = after ? !last : !page.next;
  $('#range').textContent = page.messages.length
    ? `${plural(page.messages.length, 'message')} of ${page.total.toLocaleString()}` : '';
  renderNotice();
  renderChips();
  if (!performance.getEntriesByName('inbox-list').length) performance.mark('inbox-list');
}

function showListError(err) {
  $('#list').replaceChildren();
  const empty = $('#empty');
  empty.hidden = false;
  empty.replaceChildren(el('p', { class: 'error', text: `Could not load messages: ${err.message}` }));
}

function rowOf(m, i) {
  const r = receipt(m);
  const open = params.get('m') === m.serialNo;
  return el('li', {
    class: `row${open ? ' open' : ''}`, id: `row-${i}`,
    attr: { role: 'option', 'aria-selected': 'false' }, data: { serial: m.serialNo },
    onclick: () => { selected = i; markSelected(); navigate({ m: m.serialNo }, { keepView: false }); },
  },
  el('div', { class: 'row-top' },
    el('span', { class: 'num', text: m.number }),
    el('span', { class: 'cc', text: m.country || '', attr: { title: countryName(m.country) } }),
    timeEl(m.time)),
  el('div', { class: 'row-text', text: m.text }),
  el('div', { class: 'row-meta' },
    el('span', { class: `pill ${r.cls}`, text: r.text }),
    el('span', { class: 'meta', text: `tpl ${m.template}` }),
    el('span', { class: 'meta', text: plural(m.fee, 'segment') }),
    m.tag ? el('span', { class: 'meta tag', text: `#${m.tag}` }) : null));
}

function markSelected() {
  const rows = $('#list').children;
  for (let i = 0; i < rows.length; i++) {
    const on = i === selected;
    rows[i].classList.toggle('selected', on);
    rows[i].setAttribute('aria-selected', on ? 'true' : 'false');
  }
  const list = $('#list');
  if (selected >= 0 && rows[selected]) {
    list.setAttribute('aria-activedescendant', rows[selected].id);
    rows[selected].scrollIntoView({ block: 'nearest' });
  } else list.removeAttribute('aria-activedescendant');
}

function renderNotice() {
  const n = $('#notice');
  n.hidden = unseen === 0;
  if (!n.hidden) {
    n.replaceChildren(el('button', {
      type: 'button', class: 'link',
      text: `${plural(unseen, 'new message')} · show the newest`,
      onclick: () => navigate({ before: '', after: '' }, { keepView: true }),
    }));
  }
}

function renderChips() {
  const chips = FILTERS.filter((f) => params.get(f)).map((f) => {
    let v = params.get(f);
    if (f === 'since' || f === 'until') v = shortTime(v);
    return el('button', {
      type: 'button', class: 'chip', attr: { 'aria-label': `Remove the ${f} filter` },
      onclick: () => navigateFilters({ [f]: '' }),
    }, el('b', { text: f }), ` ${v} `, el('span', { attr: { 'aria-hidden': 'true' }, text: '×' }));
  });
  $('#chips').replaceChildren(...chips);
}

function syncFilterInputs() {
  const q = $('#q');
  if (document.activeElement !== q) q.value = params.get('text') || '';
  const form = $('#filters');
  for (const f of FILTERS) {
    const input = form.elements[f];
    if (!input) continue;
    const v = params.get(f) || '';
    input.value = input.type === 'datetime-local' ? (v ? toLocalInput(v) : '') : v;
  }
}

// ---- live updates ----

function connectEvents() {
  if (events) events.close();
  const q = filterQuery();
  events = new EventSource(`${API}/events${q.toString() ? `?${q}` : ''}`);
  let failed = false;
  events.onopen = () => {
    setLive(true);
    if (failed) scheduleReload(); // changes may have been missed meanwhile
    failed = false;
  };
  events.onerror = () => { failed = true; setLive(false); };
  events.addEventListener('message', (e) => onNewMessage(JSON.parse(e.data)));
  events.addEventListener('changed', () => scheduleReload());
  events.addEventListener('stats', (e) => renderStats(JSON.parse(e.data)));
}

function setLive(on) {
  const l = $('#live');
  l.classList.toggle('on', on);
  l.title = on ? 'Live: new messages appear as they arrive' : 'Reconnecting';
  l.setAttribute('aria-label', on ? 'live' : 'reconnecting');
}

function onNewMessage(m) {
  if (!onFirstPage()) {
    unseen++;
    renderNotice();
    return;
  }
  if (page.messages.some((x) => x.serialNo === m.serialNo)) return;
  page.messages.unshift(m);
  page.total++;
  if (page.messages.length > PAGE) {
    page.messages.length = PAGE;
    page.next = page.messages[PAGE - 1].serialNo;
  }
  if (selected >= 0) selected++;
  renderList();
  const row = $('#list').firstElementChild;
  if (row) row.classList.add('fresh');
  if (pane && pane.kind === 'conv' && pane.key === m.number) pane.refresh();
}

function renderStats(st) {
  const parts = [`${st.held.toLocaleString()} held`];
  if (st.maxMessages) parts.push(`${st.evicted.toLocaleString()} evicted`);
  const s = $('#stats');
  s.textContent = parts.join(', ');
  s.title = st.maxMessages ? `The server keeps the newest ${st.maxMessages.toLocaleString()} messages` : 'No retention limit';
}

// ---- small things ----

function toast(text) {
  const t = el('div', { class: 'toast', attr: { role: 'alert' }, text });
  document.body.append(t);
  setTimeout(() => t.remove(), 5000);
}

let clearArmed = 0;
async function clearAll() {
  const b = $('#clear');
  if (!clearArmed) {
    b.textContent = 'Really clear all?';
    b.classList.add('armed');
    clearArmed = setTimeout(() => { clearArmed = 0; b.textContent = 'Clear all'; b.classList.remove('armed'); }, 4000);
    return;
  }
  clearTimeout(clearArmed);
  clearArmed = 0;
  b.textContent = 'Clear all';
  b.classList.remove('armed');
  try {
    await api('DELETE', '/messages');
    if (params.get('m') || params.get('conv')) closePane();
    loadList();
  } catch (err) { toast(err.message); }
}

function moveSelection(delta) {
  const n = page.messages.length;
  if (!n) return;
  selected = Math.max(0, Math.min(n - 1, selected < 0 ? 0 : selected + delta));
  markSelected();
}

function onKey(e) {
  const t = e.target;
  const typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
  if (e.key === 'Escape') {
    if (typing) { t.blur(); return; }
    if (document.body.classList.contains('has-pane')) { closePane(); e.preventDefault(); }
    return;
  }
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  const m = page.messages[selected];
  switch (e.key) {
    case '/': e.preventDefault(); $('#q').focus(); $('#q').select(); break;
    case 'j': case 'ArrowDown': e.preventDefault(); moveSelection(1); if (params.get('m') && page.messages[selected]) navigate({ m: page.messages[selected].serialNo }, { replace: true }); break;
    case 'k': case 'ArrowUp': e.preventDefault(); moveSelection(-1); if (params.get('m') && page.messages[selected]) navigate({ m: page.messages[selected].serialNo }, { replace: true }); break;
    case 'Enter': case 'o': if (m && !(t instanceof HTMLButtonElement || t instanceof HTMLAnchorElement)) { e.preventDefault(); navigate({ m: m.serialNo }); } break;
    case 'c': if (m) navigate({ conv: m.number }); break;
    case 'Delete': case '#':
      if (m) api('DELETE', `/messages/${encodeURIComponent(m.serialNo)}`).then(() => { if (params.get('m') === m.serialNo) closePane(); loadList(); }, (err) => toast(err.message));
      break;
    case 'g': navigate({ view: 'controls' }); break;
    case 'n': if (!$('#newer').disabled) $('#newer').click(); break;
    case 'p': if (!$('#older').disabled) $('#older').click(); break;
    default:
  }
}

function init() {
  let typingTimer = 0;
  $('#q').addEventListener('input', () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => navigateFilters({ text: $('#q').value.trim() }), 250);
  });
  $('#search').addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(typingTimer);
    navigateFilters({ text: $('#q').value.trim() });
  });
  const toggle = $('#filter-toggle');
  toggle.addEventListener('click', () => {
    const f = $('#filters');
    f.hidden = !f.hidden;
    toggle.setAttribute('aria-expanded', String(!f.hidden));
    if (!f.hidden) f.elements.number.focus();
  });
  $('#filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.target.elements;
    navigateFilters({
      number: f.number.value.trim(), template: f.template.value.trim(), tag: f.tag.value, app: f.app.value.trim(),
      since: fromLocalInput(f.since.value), until: fromLocalInput(f.until.value),
    });
  });
  $('#filters').addEventListener('reset', () => setTimeout(() => navigateFilters({
    number: '', template: '', tag: '', app: '', since: '', until: '',
  })));
  $('#newer').addEventListener('click', () => {
    const first = page.messages[0];
    if (first) navigate({ after: first.serialNo, before: '' }, { keepView: true });
  });
  $('#older').addEventListener('click', () => {
    const last = page.messages[page.messages.length - 1];
    if (last) navigate({ before: last.serialNo, after: '' }, { keepView: true });
  });
  $('#clear').addEventListener('click', clearAll);
  for (const a of document.querySelectorAll('[data-nav]')) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      if (a.dataset.nav === 'controls') navigate({ view: 'controls' });
      else navigate({ ...Object.fromEntries(FILTERS.map((f) => [f, ''])), before: '', after: '' });
    });
  }
  document.addEventListener('keydown', onKey);
  window.addEventListener('popstate', route);
  // A browser allows six connections to one server: a page left for
  // another (and kept in the back-forward cache) must not hold one.
  window.addEventListener('pagehide', () => { if (events) { events.close(); events = null; } });
  window.addEventListener('pageshow', (e) => { if (e.persisted) { connectEvents(); loadList(); } });
  route();
}

init();
