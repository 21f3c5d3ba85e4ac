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

// ---- the pane: a message, a conversation or the controls ----

function showPane() {
  const p = $('#pane');
  const m = params.get('m'), conv = params.get('conv'), view = params.get('view');
  document.body.classList.toggle('has-pane', Boolean(m || conv || view));
  for (const row of $('#list').children) row.classList.toggle('open', row.dataset.serial === m);
  if (m) showMessage(p, m);
  else if (conv) showConversation(p, conv);
  else if (view === 'controls') showControls(p);
  else {
    pane = null;
    p.replaceChildren(el('div', { class: 'placeholder' },
      el('p', { text: 'Select a message to see it as the phone shows it, with its receipt and the request it came from.' })));
  }
}

function closePane() { navigate({}, {}); $('#list').focus(); }

function paneHead(title, sub, ...actions) {
  return el('div', { class: 'pane-head' },
    el('button', { type: 'button', class: 'ghost back', text: '← Back', attr: { 'aria-label': 'Back to the list' }, onclick: closePane }),
    el('div', { class: 'titles' }, el('h2', { text: title }), sub ? el('p', { class: 'sub', text: sub }) : null),
    el('div', { class: 'pane-actions' }, ...actions));
}

function section(title, ...children) {
  return el('section', { class: 'card' }, el('h3', { text: title }), ...children);
}

function facts(rows) {
  return el('dl', { class: 'facts' }, rows.filter((r) => r && r[1] !== undefined && r[1] !== '' && r[1] !== null)
    .map(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)]));
}

async function showMessage(p, serial) {
  pane = { kind: 'message', key: serial, refresh: () => showMessage(p, serial) };
  let d;
  try {
    d = await api('GET', `/messages/${encodeURIComponent(serial)}`);
  } catch (err) {
    if (pane.key !== serial) return;
    p.replaceChildren(paneHead('Message'), el('p', { class: 'error', text: err.message }));
    return;
  }
  if (!pane || pane.key !== serial) return;
  const m = d.message;
  const del = el('button', {
    type: 'button', class: 'danger', text: 'Delete', id: 'delete-message',
    onclick: async () => {
      try { await api('DELETE', `/messages/${encodeURIComponent(serial)}`); closePane(); loadList(); } catch (err) { toast(err.message); }
    },
  });
  const conv = el('a', {
    class: 'button ghost', href: `?conv=${encodeURIComponent(m.number)}`, text: d.replies ? `Conversation (${d.replies} ${d.replies === 1 ? 'reply' : 'replies'})` : 'Conversation',
    onclick: (e) => { e.preventDefault(); navigate({ conv: m.number }); },
  });
  p.replaceChildren(
    paneHead(m.number, `${countryName(m.country)} · ${longTime(m.time)}`, conv, del),
    phone(m, d.segments),
    section('Message', facts([
      ['SerialNo', el('code', { text: m.serialNo })],
      ['App (SmsSdkAppId)', filterLink('app', m.app)],
      ['Template', filterLink('template', m.template)],
      ['Sign', m.sign],
      ['Params', m.params && m.params.length ? el('ol', { class: 'params' }, m.params.map((x) => el('li', {}, el('code', { text: x })))) : '(none)'],
      ['Tag (SessionContext)', m.tag ? filterLink('tag', m.tag) : ''],
      ['SenderId', m.senderId], ['ExtendCode', m.extendCode],
      ['Billed', `${plural(m.fee, 'segment')}${m.mainland ? ' (mainland: 70 characters, then 67 each)' : ''}`],
    ])),
    section('Receipt', timeline(m, d)),
    section('Request', requestView(d.request)));
  p.scrollTop = 0;
}

function filterLink(name, value) {
  return el('a', {
    href: `?${name}=${encodeURIComponent(value)}`, text: value, title: `Show only messages with this ${name}`,
    onclick: (e) => { e.preventDefault(); navigateFilters({ [name]: value }); },
  });
}

// phone draws the text as a handset shows it, cut into billed segments.
function phone(m, segments) {
  const sign = m.sign ? m.sign : m.number;
  const many = segments.length > 1;
  return el('div', { class: 'phone', attr: { 'aria-label': 'The message as the phone shows it' } },
    el('div', { class: 'phone-bar' }, el('span', { class: 'sender', text: sign }), el('span', { text: shortTime(m.time) })),
    el('div', { class: 'phone-body' },
      el('div', { class: 'bubble in', id: 'rendered-text', text: m.text }),
      many ? el('ol', { class: 'segments', attr: { 'aria-label': 'Billed segments' } }, segments.map((s, i) =>
        el('li', {}, el('span', { class: 'seg-n', text: `${i + 1}/${segments.length} · ${[...s].length} chars` }), el('span', { text: s })))) : null,
      el('p', { class: 'phone-note', text: many ? `Billed as ${segments.length} segments` : 'Billed as 1 segment' })));
}

function timeline(m, d) {
  const steps = [['done', 'Sent', `Accepted at ${longTime(m.time)}`]];
  if (m.receiptStatus) {
    steps.push([m.receiptStatus === 'SUCCESS' ? 'done' : 'failed', m.receiptStatus === 'SUCCESS' ? 'Delivered' : `Failed: ${m.receiptCode}`,
      `Reported ${m.receiptStatus} ${m.receiptCode || ''} at ${longTime(m.receiptTime)}`]);
  } else if (m.receiptTime) {
    steps.push(['todo', 'Reported', `Due at ${longTime(m.receiptTime)} (server clock)`]);
  } else {
    steps.push(['todo', 'Reported', 'Never: this number never reports a receipt']);
  }
  steps.push([m.receiptPulled ? 'done' : 'todo', 'Pulled', m.receiptPulled ? 'Returned by PullSmsSendStatus' : 'Not pulled by PullSmsSendStatus yet']);
  if (d.callbacks.length === 0) {
    steps.push(['todo', 'Pushed', 'No receipt callback carries it (no callback URL configured, or not due yet)']);
  }
  for (const c of d.callbacks) {
    const cls = c.status === 'delivered' ? 'done' : c.status === 'failed' ? 'failed' : 'todo';
    steps.push([cls, `Pushed: ${c.status}`,
      `${plural(c.attempts, 'attempt')} to ${c.url}${c.lastError ? ` · last error: ${c.lastError}` : ''}`]);
  }
  return el('ol', { class: 'timeline' }, steps.map(([cls, title, text]) =>
    el('li', { class: cls }, el('b', { text: title }), el('span', { text }))));
}

function requestView(req) {
  if (!req) {
    return el('p', { class: 'muted', text: 'No longer kept: the server keeps the raw requests of the last 1,000 sends.' });
  }
  const headers = Object.keys(req.header || {}).sort().map((k) => `${k}: ${req.header[k].join(', ')}`).join('\n');
  return el('div', {},
    facts([['RequestId', el('code', { text: req.requestId })], ['Action', `${req.action} (${req.version})`],
      ['Messages', plural(req.serialNos.length, 'number')]]),
    el('h4', { text: 'Request' }),
    el('pre', { class: 'code', text: `${req.method} ${req.target}\n${headers}\n\n${prettyJSON(req.body)}${req.bodyCut ? '\n… (cut)' : ''}` }),
    el('h4', { text: 'Response' }),
    req.response ? el('pre', { class: 'code', text: prettyJSON(req.response) + (req.responseCut ? '\n… (cut)' : '') })
      : el('p', { class: 'muted', text: req.note || 'No response was sent.' }),
    el('p', { class: 'muted small', text: 'Signatures and tokens are redacted.' }));
}

async function showConversation(p, number) {
  pane = { kind: 'conv', key: number, refresh: () => showConversation(p, number) };
  let c;
  try {
    c = await api('GET', `/conversations/${encodeURIComponent(number)}`);
  } catch (err) {
    if (pane.key !== number) return;
    p.replaceChildren(paneHead(number), el('p', { class: 'error', text: err.message }));
    return;
  }
  if (!pane || pane.key !== number) return;
  pane.key = c.number;
  const chat = el('ol', { class: 'chat', id: 'chat' }, c.items.map((it) => it.kind === 'sent'
    ? el('li', { class: 'bubble in' },
      el('a', {
        href: `?m=${encodeURIComponent(it.message.serialNo)}`, class: 'plain',
        onclick: (e) => { e.preventDefault(); navigate({ m: it.message.serialNo }); },
      }, it.message.text),
      el('small', { text: `${shortTime(it.time)} · ${receipt(it.message).text}` }))
    : el('li', { class: 'bubble out' }, el('span', { text: it.reply.text }),
      el('small', { text: `${shortTime(it.time)} · reply${it.reply.pulled ? ' · pulled' : ''}` }))));
  const input = el('input', { name: 'text', required: true, placeholder: `Reply as ${c.number}`, attr: { 'aria-label': 'Reply text' } });
  const form = el('form', {
    class: 'reply-form', id: 'reply-form',
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        await api('POST', '/replies', { number: c.number, text: input.value });
        input.value = '';
        await showConversation(p, c.number);
        $('#reply-form input').focus();
      } catch (err) { toast(err.message); }
    },
  }, input, el('button', { type: 'submit', text: 'Send reply' }));
  const counts = `${plural(c.messages, 'message')} sent, ${plural(c.replies, 'reply', 'replies')}${c.truncated ? ' · newest shown' : ''}`;
  p.replaceChildren(paneHead(c.number, counts,
    el('a', { class: 'button ghost', href: `?number=${encodeURIComponent(c.number)}`, text: 'Filter list', onclick: (e) => { e.preventDefault(); navigateFilters({ number: c.number }); } })),
  el('div', { class: 'phone wide' }, c.items.length ? chat : el('p', { class: 'muted pad', text: 'Nothing sent to or received from this number is held.' }), form),
  el('p', { class: 'muted small', text: 'Replies are injected as if the handset answered (POST /_fake/replies): PullSmsReplyStatus returns them and a reply callback URL receives them.' }));
  chat.lastElementChild && chat.lastElementChild.scrollIntoView({ block: 'nearest' });
}

// ---- controls ----

async function showControls(p) {
  pane = { kind: 'controls', key: 'controls', refresh: null };
  p.replaceChildren(paneHead('Controls', 'Everything here goes through the admin API under /_fake/'));
  const parts = await Promise.allSettled([
    api('GET', '/clock'), api('GET', '/chaos'), api('GET', '/faults'),
    api('GET', '/templates'), api('GET', '/signs'), api('GET', '/callbacks')]);
  if (!pane || pane.kind !== 'controls') return;
  const [clock, chaos, faults, templates, signs, callbacks] = parts.map((x) => (x.status === 'fulfilled' ? x.value : { error: x.reason.message }));
  const again = () => showControls(p);
  const act = (fn) => async (e) => {
    if (e) e.preventDefault();
    try { await fn(); } catch (err) { toast(err.message); }
    again();
  };
  p.replaceChildren(paneHead('Controls', 'Everything here goes through the admin API under /_fake/'),
    clockCard(clock, act), chaosCard(chaos, act), faultsCard(faults, act),
    reviewCard('Templates', templates.templates, 'templates', (t) => t.id, (t) => `${t.id}${t.name ? ` ${t.name}` : ''}`, (t) => t.content, act),
    reviewCard('Signs', signs.signs, 'signs', (s) => s.name, (s) => s.name, (s) => (s.international ? 'international' : 'mainland'), act),
    callbacksCard(callbacks, act));
}

function errorOr(data, build) {
  return data && data.error ? el('p', { class: 'error', text: data.error }) : build();
}

function clockCard(clock, act) {
  const advance = el('input', { name: 'advance', value: '1h', size: 6, attr: { 'aria-label': 'Advance by' } });
  const set = el('input', { name: 'set', type: 'datetime-local', step: 1, attr: { 'aria-label': 'Set to' } });
  return section('Clock', errorOr(clock, () => el('div', {},
    el('p', {}, 'Server time ', el('b', { text: longTime(clock.now) }), clock.manual ? ' (manual clock)' : ' (system clock)'),
    el('form', { class: 'inline', onsubmit: act(() => api('POST', '/clock', { advance: advance.value })) },
      'Advance by ', advance, el('button', { type: 'submit', text: 'Advance' })),
    el('form', { class: 'inline', onsubmit: act(() => api('POST', '/clock', { set: fromLocalInput(set.value) })) },
      'Set to ', set, el('button', { type: 'submit', text: 'Set' })),
    el('p', { class: 'muted small', text: 'Moving the clock makes receipts fall due; requests signed more than 5 minutes away from it fail as on the real service.' }))));
}

function chaosCard(chaos, act) {
  return section('Chaos', errorOr(chaos, () => {
    const rate = el('input', { type: 'number', min: 0, max: 1, step: 0.01, value: chaos.rate, attr: { 'aria-label': 'Rate' } });
    const seed = el('input', { type: 'number', min: 0, step: 1, value: chaos.seed, attr: { 'aria-label': 'Seed' } });
    const actions = el('input', { value: (chaos.actions || []).join(', '), placeholder: 'every action', attr: { 'aria-label': 'Actions' } });
    return el('form', {
      class: 'grid-form',
      onsubmit: act(() => api('PUT', '/chaos', {
        ...chaos, rate: Number(rate.value), seed: Number(seed.value),
        actions: actions.value.split(',').map((s) => s.trim()).filter(Boolean),
      })),
    },
    el('label', {}, 'Rate (0 off, 1 always) ', rate), el('label', {}, 'Seed ', seed), el('label', {}, 'Actions ', actions),
    el('button', { type: 'submit', text: 'Set chaos' }),
    el('p', { class: 'muted small', text: chaos.rate > 0 ? `On: ${Math.round(chaos.rate * 100)}% of calls fail at random.` : 'Off.' }));
  }));
}

function faultsCard(faults, act) {
  return section('Fault rules', errorOr(faults, () => {
    const rules = faults.faults;
    if (!rules.length) return el('p', { class: 'muted', text: 'No fault rules. Add them with POST /_fake/faults or fakeserver.WithFaults.' });
    return el('div', {},
      el('ul', { class: 'items' }, rules.map((f) => el('li', {},
        el('span', {}, el('b', { text: `#${f.id} ` }),
          `${f.action || 'every action'}${f.number ? ` to ${f.number}` : ''}: ${f.code || (f.http ? `HTTP ${f.http}${f.status ? ` ${f.status}` : ''}` : '') || (f.latency ? `latency ${f.latency}` : 'fault')}`,
          el('small', { text: ` · ${f.phase || 'before'}${f.nth ? ` · call ${f.nth}` : ''}${f.times ? ` · ${f.times}×` : ''} · fired ${f.hits}` })),
        el('button', { type: 'button', class: 'ghost small', text: 'Remove', onclick: act(() => api('DELETE', `/faults/${f.id}`)) })))),
      el('button', { type: 'button', class: 'danger small', text: 'Remove all', onclick: act(() => api('DELETE', '/faults')) }));
  }));
}

function reviewCard(title, items, path, idOf, nameOf, detailOf, act) {
  if (!items) return section(title, el('p', { class: 'error', text: 'Could not load.' }));
  if (!items.length) return section(title, el('p', { class: 'muted', text: `None registered (permissive mode accepts unregistered ${path}).` }));
  const status = (s) => (s === 1 ? ['wait', 'Under review'] : s === -1 ? ['fail', 'Rejected'] : ['ok', 'Approved']);
  return section(title, el('ul', { class: 'items' }, items.map((it) => {
    const [cls, text] = status(it.status || 0);
    const id = encodeURIComponent(idOf(it));
    return el('li', {},
      el('span', {}, el('b', { text: nameOf(it) }), ' ', el('span', { class: `pill ${cls}`, text }), el('br'), el('small', { text: detailOf(it) })),
      el('span', { class: 'buttons' },
        it.status !== 0 && it.status !== undefined ? el('button', { type: 'button', class: 'small', text: 'Approve', onclick: act(() => api('POST', `/${path}/${id}/approve`)) }) : null,
        it.status !== -1 ? el('button', { type: 'button', class: 'ghost small', text: 'Reject', onclick: act(() => api('POST', `/${path}/${id}/reject`, { reviewReply: 'rejected in the inbox' })) }) : null));
  })));
}

function callbacksCard(cbs, act) {
  return section('Callback pushes', errorOr(cbs, () => {
    const list = cbs.callbacks;
    if (!list.length) return el('p', { class: 'muted', text: 'No pushes. Set a receipt or reply callback URL to have the server POST them.' });
    return el('div', {}, el('ul', { class: 'items' }, list.slice(-20).reverse().map((c) => el('li', {},
      el('span', {}, el('span', { class: `pill ${c.status === 'delivered' ? 'ok' : c.status === 'failed' ? 'fail' : 'wait'}`, text: c.status }),
        ` #${c.id} ${c.kind} → ${c.url}`, el('br'),
        el('small', { text: `${plural(c.attempts, 'attempt')}${c.lastError ? ` · ${c.lastError}` : ''}` }))))),
    el('button', { type: 'button', class: 'ghost small', text: 'Forget finished pushes', onclick: act(() => api('DELETE', '/callbacks')) }));
  }));
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
