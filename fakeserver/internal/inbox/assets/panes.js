// The inbox's right-hand pane: one message as the phone shows it, a
// number's conversation, and the server's controls. It uses the helpers of
// inbox.js (el, api, navigate, ...), which the page loads after it and
// which calls these only once both are loaded. Values from the server are
// put in the page as text only.
'use strict';

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
  return el('div', {},
    facts([['RequestId', el('code', { text: req.requestId })], ['Action', `${req.action} (${req.version})`],
      ['Messages', plural(req.serialNos.length, 'number')]]),
    el('h4', { text: 'Request' }),
    el('pre', { class: 'code', text: `${req.method} ${req.target}\n${req.header}\n\n${prettyJSON(req.body)}${req.bodyCut ? '\n… (cut)' : ''}` }),
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
