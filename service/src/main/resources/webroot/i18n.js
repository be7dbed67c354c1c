// Shared by the pages: the zh-CN / English dictionary, the remembered language, the API helper.
'use strict';
const RC_TEXT = {
  zh: {
    appCrew: '道路卫士 · 班组工单', appDuty: '道路卫士 · 防汛值班', appHome: '道路卫士 RoadChief',
    switchLang: 'English', token: '访问令牌', signIn: '登录', signOut: '退出', signedInAs: '当前用户',
    badToken: '令牌无效，请重新输入', myTickets: '我的工单（按剩余时间排序）', noTickets: '暂无待办工单',
    lookup: '按工单号查看', lookupBtn: '查看', road: '道路', coords: '坐标', severity: '严重程度', due: '修复期限',
    left: '剩余', overdue: '已超期', hours: '小时', minutes: '分', acknowledge: '确认接单', start: '开始维修',
    repaired: '标记已修复', repairNote: '维修说明（必填）', photoUrl: '照片链接（可选）', submitRepair: '提交',
    done: '操作成功', crew: '班组', live: '实时推送', liveOn: '已连接', liveOff: '未连接',
    severe: '严重', moderate: '中等', minor: '轻微',
    st_open: '待指派', st_assigned: '已指派', st_acknowledged: '已确认', st_in_repair: '维修中',
    st_repaired: '已修复待核验', st_verified: '已核验', st_reopened: '重新开启', st_unverified: '未能核验',
    red: '红色（立即处置）', amber: '黄色（关注准备）', green: '绿色（正常）', offlineGauges: '离线水位计',
    noneOffline: '无离线水位计', level: '水位', rise: '涨速', eta: '距下一阈值', notRising: '未上涨',
    lastReading: '最近读数', ago: '前', noData: '无数据', alerts: '最新告警',
    lv_normal: '正常', lv_blue: '蓝色', lv_yellow: '黄色', lv_orange: '橙色', lv_red: '红色',
    h_ok: '正常', h_offline: '离线', h_stuck: '读数卡滞', h_noisy: '读数跳动', h_low_battery: '电量低',
    mmPerMin: '毫米/分', min: '分钟', sec: '秒', crewPage: '班组页面', dutyPage: '值班页面', apiDoc: '接口说明（OpenAPI）'
  },
  en: {
    appCrew: 'RoadChief · Crew tickets', appDuty: 'RoadChief · Flood duty', appHome: 'RoadChief 道路卫士',
    switchLang: '中文', token: 'Access token', signIn: 'Sign in', signOut: 'Sign out', signedInAs: 'Signed in as',
    badToken: 'Unknown token, please try again', myTickets: 'My tickets (by time left)', noTickets: 'No open tickets',
    lookup: 'Look up a ticket', lookupBtn: 'Show', road: 'Road', coords: 'Coordinates', severity: 'Severity', due: 'Due',
    left: 'left', overdue: 'overdue by', hours: 'h', minutes: 'min', acknowledge: 'Acknowledge', start: 'Start repair',
    repaired: 'Mark repaired', repairNote: 'Repair note (required)', photoUrl: 'Photo URL (optional)', submitRepair: 'Submit',
    done: 'Done', crew: 'Crew', live: 'Live', liveOn: 'connected', liveOff: 'disconnected',
    severe: 'severe', moderate: 'moderate', minor: 'minor',
    st_open: 'open', st_assigned: 'assigned', st_acknowledged: 'acknowledged', st_in_repair: 'in repair',
    st_repaired: 'repaired, awaiting check', st_verified: 'verified', st_reopened: 'reopened', st_unverified: 'unverified',
    red: 'Red (act now)', amber: 'Amber (watch, prepare)', green: 'Green (normal)', offlineGauges: 'Offline gauges',
    noneOffline: 'No gauge offline', level: 'Level', rise: 'Rise', eta: 'Next threshold in', notRising: 'not rising',
    lastReading: 'Last reading', ago: 'ago', noData: 'no data', alerts: 'Latest alerts',
    lv_normal: 'normal', lv_blue: 'blue', lv_yellow: 'yellow', lv_orange: 'orange', lv_red: 'red',
    h_ok: 'ok', h_offline: 'offline', h_stuck: 'stuck sensor', h_noisy: 'noisy sensor', h_low_battery: 'low battery',
    mmPerMin: 'mm/min', min: 'min', sec: 's', crewPage: 'Crew page', dutyPage: 'Duty page', apiDoc: 'API (OpenAPI)'
  }
};

const RC = {
  lang: localStorage.getItem('rc.lang') || 'zh',
  t(key) { return (RC_TEXT[RC.lang] && RC_TEXT[RC.lang][key]) || key; },
  /** Picks the field of the current language from an object with xZh / xEn fields. */
  pick(o, base) { return RC.lang === 'zh' ? (o[base + 'Zh'] || o[base + 'En']) : (o[base + 'En'] || o[base + 'Zh']); },
  toggleLang() { RC.lang = RC.lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('rc.lang', RC.lang); RC.applyTexts(); },
  applyTexts() {
    document.documentElement.lang = RC.lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-t]').forEach(el => { el.textContent = RC.t(el.dataset.t); });
    document.querySelectorAll('[data-tp]').forEach(el => { el.placeholder = RC.t(el.dataset.tp); });
    if (RC.onLang) RC.onLang();
  },
  escape(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c])); },
  /** fetch with the bearer token; resolves to {status, body}. */
  async api(token, method, path, body) {
    const res = await fetch(path, { method, headers: Object.assign({ 'Authorization': 'Bearer ' + token },
      body ? { 'Content-Type': 'application/json' } : {}), body: body ? JSON.stringify(body) : undefined });
    let json = {};
    try { json = await res.json(); } catch (e) { /* empty body */ }
    return { status: res.status, body: json };
  },
  errorText(body) { return RC.lang === 'zh' ? (body.message_zh || body.error) : (body.message_en || body.error); },
  duration(seconds) {
    const s = Math.abs(Math.round(seconds));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return RC.lang === 'zh' ? `${h}${RC.t('hours')}${String(m).padStart(2, '0')}${RC.t('minutes')}` : `${h} ${RC.t('hours')} ${String(m).padStart(2, '0')} ${RC.t('minutes')}`;
  }
};
