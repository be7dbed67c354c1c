// Duty-officer page: every gauge in the three-colour view, rate of rise, time to the next
// threshold, offline gauges, and live alerts over SSE.
'use strict';
(function () {
  const $ = id => document.getElementById(id);
  let token = localStorage.getItem('rc.token.duty');
  let gauges = [];
  let alerts = [];
  let source = null;
  let me = null;              // who signed in, for the header
  let liveUp = null;          // SSE state, for the header

  function header() {
    $('who').textContent = me ? RC.t('signedInAs') + ': ' + me.displayName + (me.crewId ? ' (' + me.crewId + ')' : '') : '';
    $('live-state').textContent = liveUp == null ? '' : RC.t('live') + ': ' + RC.t(liveUp ? 'liveOn' : 'liveOff');
  }

  function eta(seconds) {
    if (seconds == null) return RC.t('notRising');
    return seconds >= 3600 ? RC.duration(seconds) : Math.round(seconds / 60) + ' ' + RC.t('min');
  }

  function card(g) {
    const level = g.riskLevel || 'none';
    const name = RC.pick(g, 'name');
    const next = g.nextLevel ? ` (${RC.t('lv_' + g.nextLevel)} ${g.nextThresholdMm} mm)` : '';
    return `<div class="panel gauge" data-gauge-id="${RC.escape(g.gaugeId)}" data-colour="${RC.escape(g.colour)}">
      <strong>${RC.escape(name)}</strong> <span class="badge ${RC.escape(level)}">${RC.escape(g.riskLevel ? RC.t('lv_' + g.riskLevel) : RC.t('noData'))}</span>
      <div class="level">${g.levelMm == null ? '—' : RC.escape(g.levelMm) + ' mm'}</div>
      <div class="meta">${RC.t('rise')}: <span class="rise">${g.riseMmMin == null ? '—' : Number(g.riseMmMin).toFixed(1) + ' ' + RC.t('mmPerMin')}</span></div>
      <div class="meta">${RC.t('eta')}${RC.escape(next)}: <span class="eta">${RC.escape(eta(g.etaNextS))}</span></div>
      <div class="meta">${RC.t('lastReading')}: <span class="age">${g.ageSeconds == null ? RC.t('noData') : RC.escape(eta(g.ageSeconds)) + ' ' + RC.t('ago')}</span> · #${RC.escape(g.gaugeId)}</div>
    </div>`;
  }

  function render() {
    for (const c of ['red', 'amber', 'green']) {
      $('col-' + c).innerHTML = gauges.filter(g => !g.offline && g.colour === c).map(card).join('');
    }
    const off = gauges.filter(g => g.offline);
    $('offline').innerHTML = off.length
      ? off.map(g => `<div class="offline" data-gauge-id="${RC.escape(g.gaugeId)}">${RC.escape(RC.pick(g, 'name'))} (#${RC.escape(g.gaugeId)}) — ${RC.escape(g.health ? RC.t('h_' + g.health) : RC.t('noData'))}${g.ageSeconds == null ? '' : ', ' + RC.t('lastReading') + ' ' + RC.escape(eta(g.ageSeconds)) + ' ' + RC.t('ago')}</div>`).join('')
      : `<p class="meta">${RC.t('noneOffline')}</p>`;
    $('alerts').innerHTML = alerts.slice(0, 20).map(a =>
      `<li class="alert-${RC.escape(a.level === 'red' || a.level === 'orange' ? 'red' : 'amber')}">${RC.escape(new Date(a.raisedAt).toLocaleString(RC.lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false }))} — ${RC.escape(RC.lang === 'zh' ? a.messageZh : a.messageEn)}</li>`).join('');
  }

  async function load() {
    const g = await RC.api(token, 'GET', '/api/gauges');
    if (g.status === 401) return signOut(true);
    if (g.status === 200) gauges = g.body.gauges;
    const a = await RC.api(token, 'GET', '/api/alerts?limit=20');
    if (a.status === 200) alerts = a.body.alerts;
    render();
  }

  async function signIn(t) {
    const r = await RC.api(t, 'GET', '/api/me');
    if (r.status !== 200) { $('signin-error').textContent = RC.t('badToken'); return; }
    token = t;
    localStorage.setItem('rc.token.duty', t);
    me = r.body;
    header();
    $('signin').style.display = 'none';
    $('work').style.display = '';
    $('sign-out').style.display = '';
    await load();
    if (source) source.close();
    source = new EventSource('/api/live?access_token=' + encodeURIComponent(token));
    source.onopen = () => { liveUp = true; header(); };
    source.onerror = () => { liveUp = false; header(); };
    source.addEventListener('alert', e => { alerts.unshift(JSON.parse(e.data).alert); load(); });
  }

  function signOut(expired) {
    localStorage.removeItem('rc.token.duty');
    token = null;
    if (source) source.close();
    me = null;
    liveUp = null;
    header();
    $('signin').style.display = '';
    $('work').style.display = 'none';
    $('sign-out').style.display = 'none';
    if (expired) $('signin-error').textContent = RC.t('badToken');
  }

  $('sign-in').onclick = () => signIn($('token').value.trim());
  $('token').addEventListener('keydown', e => { if (e.key === 'Enter') signIn($('token').value.trim()); });
  $('sign-out').onclick = () => signOut(false);
  $('lang-toggle').onclick = () => RC.toggleLang();
  RC.onLang = () => { header(); if (token) render(); };
  RC.applyTexts();
  setInterval(() => { if (token && $('work').style.display !== 'none') load(); }, 30000);
  if (token) signIn(token);
})();
