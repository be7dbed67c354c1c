// Crew page: sign in with a token, see my crew's tickets by time left, move them along.
'use strict';
(function () {
  const $ = id => document.getElementById(id);
  let token = localStorage.getItem('rc.token.crew');
  let tickets = [];
  let looked = null;          // a ticket opened by number (may belong to another crew)
  let serverOffsetMs = 0;     // server clock minus browser clock: countdowns follow the server
  let source = null;
  let me = null;              // who signed in, for the header
  let liveUp = null;          // SSE state, for the header

  function header() {
    $('who').textContent = me ? RC.t('signedInAs') + ': ' + me.displayName + (me.crewId ? ' (' + me.crewId + ')' : '') : '';
    $('live-state').textContent = liveUp == null ? '' : RC.t('live') + ': ' + RC.t(liveUp ? 'liveOn' : 'liveOff');
  }

  const nowMs = () => Date.now() + serverOffsetMs;

  let lastMessage = null;     // {text: () => string, ok}, re-rendered when the language changes

  function message(text, ok) {
    lastMessage = { text: typeof text === 'function' ? text : () => text, ok };
    showMessage();
  }

  function showMessage() {
    const m = $('message');
    m.textContent = lastMessage ? lastMessage.text() : '';
    m.className = !lastMessage ? '' : lastMessage.ok ? 'msg-ok' : 'msg-error';
  }

  function colour(t) {
    if (t.slaColour === 'none') return 'none';
    const now = nowMs();
    if (now >= Date.parse(t.warnAt) || now >= Date.parse(t.dueAt)) return 'red';
    if (now >= Date.parse(t.amberAt)) return 'amber';
    return 'green';
  }

  function countdown(t) {
    const left = (Date.parse(t.dueAt) - nowMs()) / 1000;
    if (t.slaColour === 'none') return RC.t('st_' + t.status);
    return left >= 0 ? (RC.lang === 'zh' ? RC.t('left') + ' ' + RC.duration(left) : RC.duration(left) + ' ' + RC.t('left'))
                     : RC.t('overdue') + ' ' + RC.duration(left);
  }

  function card(t) {
    const c = colour(t);
    const due = new Date(t.dueAt).toLocaleString(RC.lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
    const can = s => t.status && ({ acknowledge: ['assigned', 'reopened'], start: ['acknowledged'], repaired: ['in_repair'] }[s]).includes(t.status);
    return `<div class="panel ticket colour-${c}" data-ticket-id="${RC.escape(t.ticketId)}" data-status="${RC.escape(t.status)}">
      <h3>${RC.escape(RC.pick(t, 'title'))}</h3>
      <div class="meta">#${RC.escape(t.ticketId)} · <span class="status">${RC.escape(RC.t('st_' + t.status))}</span>
        · ${RC.t('severity')}: ${RC.escape(RC.t(t.severity))}</div>
      <div class="countdown" data-due="${RC.escape(t.dueAt)}">${RC.escape(countdown(t))}</div>
      <div class="meta">${RC.t('road')}: <span class="road">${RC.escape(RC.pick(t, 'roadName') || '—')}</span></div>
      <div class="meta">${RC.t('coords')}: <span class="coords">${Number(t.lat).toFixed(5)}, ${Number(t.lon).toFixed(5)}</span></div>
      <div class="meta">${RC.t('due')}: ${RC.escape(due)} · ${RC.t('crew')}: ${RC.escape(RC.pick(t, 'crewName') || t.crewId || '—')}</div>
      <div class="actions">
        <button class="act-acknowledge" ${can('acknowledge') ? '' : 'disabled'}>${RC.t('acknowledge')}</button>
        <button class="act-start" ${can('start') ? '' : 'disabled'}>${RC.t('start')}</button>
        <button class="act-repaired" ${can('repaired') ? '' : 'disabled'}>${RC.t('repaired')}</button>
      </div>
      <div class="repair-form" style="display:none">
        <input class="repair-note" type="text" placeholder="${RC.t('repairNote')}">
        <input class="repair-photo" type="url" placeholder="${RC.t('photoUrl')}">
        <button class="submit-repair">${RC.t('submitRepair')}</button>
      </div>
    </div>`;
  }

  function render() {
    // Live updates re-render every card: keep a repair note being typed (and its focus) across them.
    const open = new Map();
    document.querySelectorAll('.ticket').forEach(el => {
      const form = el.querySelector('.repair-form');
      if (!form || form.style.display === 'none') return;
      const focused = el.contains(document.activeElement) ? document.activeElement.classList[0] : null;
      open.set(el.parentElement.id + '/' + el.dataset.ticketId, {
        note: el.querySelector('.repair-note').value, photo: el.querySelector('.repair-photo').value, focused });
    });
    $('tickets').innerHTML = tickets.length ? tickets.map(card).join('') : `<p class="meta">${RC.t('noTickets')}</p>`;
    $('lookup-result').innerHTML = looked ? card(looked) : '';
    document.querySelectorAll('.ticket').forEach(el => {
      const kept = open.get(el.parentElement.id + '/' + el.dataset.ticketId);
      if (!kept || el.dataset.status !== 'in_repair') return;
      el.querySelector('.repair-form').style.display = '';
      el.querySelector('.repair-note').value = kept.note;
      el.querySelector('.repair-photo').value = kept.photo;
      if (kept.focused) el.querySelector('.' + kept.focused)?.focus();
    });
  }

  function tick() {  // recolour and recount every second without asking the server
    document.querySelectorAll('.ticket').forEach(el => {
      const t = findTicket(el.dataset.ticketId);
      if (!t) return;
      const c = colour(t);
      el.classList.remove('colour-green', 'colour-amber', 'colour-red', 'colour-none');
      el.classList.add('colour-' + c);
      el.querySelector('.countdown').textContent = countdown(t);
    });
  }

  function findTicket(id) {
    return tickets.find(t => t.ticketId === id) || (looked && looked.ticketId === id ? looked : null);
  }

  async function load() {
    const r = await RC.api(token, 'GET', '/api/tickets');
    if (r.status === 401) return signOut(true);
    if (r.status !== 200) return message(() => RC.errorText(r.body), false);
    serverOffsetMs = Date.parse(r.body.now) - Date.now();
    tickets = r.body.tickets.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    if (looked) {
      const l = await RC.api(token, 'GET', '/api/tickets/' + encodeURIComponent(looked.ticketId));
      if (l.status === 200) looked = l.body;
    }
    render();
  }

  async function act(id, action, body) {
    const r = await RC.api(token, 'POST', `/api/tickets/${encodeURIComponent(id)}/${action}`, body || {});
    if (r.status === 200) {
      message(() => RC.t('done') + ': #' + id + ' → ' + RC.t('st_' + r.body.status), true);
    } else {
      message(() => RC.errorText(r.body), false);
    }
    await load();
  }

  async function signIn(t) {
    const r = await RC.api(t, 'GET', '/api/me');
    if (r.status !== 200) {
      $('signin-error').textContent = RC.t('badToken');
      return;
    }
    token = t;
    localStorage.setItem('rc.token.crew', t);
    $('signin-error').textContent = '';
    me = r.body;
    header();
    $('signin').style.display = 'none';
    $('work').style.display = '';
    $('sign-out').style.display = '';
    await load();
    connectLive();
  }

  function signOut(expired) {
    localStorage.removeItem('rc.token.crew');
    token = null;
    if (source) source.close();
    lastMessage = null;
    showMessage();
    me = null;
    liveUp = null;
    header();
    $('signin').style.display = '';
    $('work').style.display = 'none';
    $('sign-out').style.display = 'none';
    $('who').textContent = '';
    if (expired) $('signin-error').textContent = RC.t('badToken');
  }

  function connectLive() {
    if (source) source.close();
    source = new EventSource('/api/live?access_token=' + encodeURIComponent(token));
    source.onopen = () => { liveUp = true; header(); };
    source.onerror = () => { liveUp = false; header(); };
    source.addEventListener('ticket', () => load());
    source.addEventListener('alert', e => {
      const a = JSON.parse(e.data).alert;
      message(() => RC.lang === 'zh' ? a.messageZh : a.messageEn, false);
    });
  }

  document.addEventListener('click', ev => {
    const el = ev.target.closest('.ticket');
    if (!el) return;
    const id = el.dataset.ticketId;
    if (ev.target.classList.contains('act-acknowledge')) act(id, 'acknowledge');
    else if (ev.target.classList.contains('act-start')) act(id, 'start');
    else if (ev.target.classList.contains('act-repaired')) el.querySelector('.repair-form').style.display = '';
    else if (ev.target.classList.contains('submit-repair')) {
      const photo = el.querySelector('.repair-photo').value.trim();
      act(id, 'repaired', { note: el.querySelector('.repair-note').value, photoUrl: photo || undefined });
    }
  });
  $('sign-in').onclick = () => signIn($('token').value.trim());
  $('token').addEventListener('keydown', e => { if (e.key === 'Enter') signIn($('token').value.trim()); });
  $('sign-out').onclick = () => signOut(false);
  $('lang-toggle').onclick = () => RC.toggleLang();
  $('lookup').onclick = async () => {
    const id = $('lookup-id').value.trim();
    if (!id) return;
    const r = await RC.api(token, 'GET', '/api/tickets/' + encodeURIComponent(id));
    if (r.status === 200) { looked = r.body; render(); } else { message(() => RC.errorText(r.body), false); }
  };
  RC.onLang = () => { header(); showMessage(); if (token && $('work').style.display !== 'none') { render(); } };
  RC.applyTexts();
  setInterval(tick, 1000);
  setInterval(() => { if (token && $('work').style.display !== 'none') load(); }, 30000);
  if (token) signIn(token);
})();
