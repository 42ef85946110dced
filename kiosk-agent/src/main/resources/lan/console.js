const $ = id => document.getElementById(id);
let token = sessionStorage.getItem('counterToken');
const names = { waiting:'đang chờ', called:'đang gọi', served:'đã phục vụ', no_show:'vắng mặt' };

function say(text, error) { $('message').textContent = text || ''; $('message').className = error ? 'error' : ''; }

async function api(path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers['X-Counter-Token'] = token;
  const res = await fetch('/quay/api/' + path, body === undefined ? { headers } :
      { method: 'POST', headers, body: JSON.stringify(body) });
  const data = await res.json();
  if (res.status === 401 && path !== 'sign-in') { token = null; sessionStorage.removeItem('counterToken'); show(null); }
  if (!res.ok) throw new Error(data.message || data.error);
  return data;
}

function showTicket(t) {
  $('current').textContent = t && t.status === 'called' ? t.display : '—';
  $('currentInfo').textContent = t ? (t.display + ': ' + (names[t.status] || t.status)
      + (t.callCount > 1 ? ' — đã gọi ' + t.callCount + ' lần' : '')) : 'Chưa gọi phiếu nào.';
}

function minutes(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

// The officer's own figures of today; ratings count up to the start of the hour, never one just given.
async function loadToday() {
  if (!token) return;
  try {
    const t = await api('today');
    $('tServed').textContent = t.served;
    $('tNoShows').textContent = t.noShows;
    $('tWait').textContent = minutes(t.medianWaitSeconds);
    $('tService').textContent = minutes(t.medianServiceSeconds);
    $('tRatings').textContent = t.ratings;
    $('tShare').textContent = t.satisfiedShare === null ? '—' : (100 * t.satisfiedShare).toFixed(1) + ' %';
    $('tNote').textContent = 'Đánh giá tính đến ' + t.ratingsUntil + ' hôm nay; tỷ lệ hiện khi có từ '
        + t.minRatings + ' lượt đánh giá.';
  } catch (e) { $('tNote').textContent = 'Chưa tải được số liệu hôm nay: ' + e.message; }
}
setInterval(loadToday, 60000);

function show(state) {
  $('signin').classList.toggle('hidden', !!state);
  $('desk').classList.toggle('hidden', !state);
  $('today').classList.toggle('hidden', !state);
  if (state) loadToday();
  $('who').textContent = state ? state.counterName + ' — ' + state.officerName : '';
  if (state) showTicket(state.current);
}

// Names come from the site configuration: always text, never markup.
function fill(select, pairs) {
  select.replaceChildren(...pairs.map(([value, label]) => {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    return option;
  }));
}

async function load() {
  const site = await api('site');
  $('site').textContent = site.siteName;
  fill($('officer'), site.officers.map(o => [o.id, o.name]));
  fill($('counter'), site.counters.map(c => [c.id, c.name]));
  fill($('transferTo'), site.services.map(s => [s.prefix, s.prefix + ' — ' + s.name]));
  if (token) { try { show(await api('state')); } catch (e) { show(null); } }
}

$('signInBtn').onclick = async () => {
  try {
    const state = await api('sign-in', { officerId: $('officer').value, counter: $('counter').value, pin: $('pin').value });
    token = state.token; sessionStorage.setItem('counterToken', token); $('pin').value = '';
    show(state); say('Đã đăng nhập ' + state.counterName + '.');
  } catch (e) { say(e.message, true); }
};
document.querySelectorAll('[data-action]').forEach(b => b.onclick = async () => {
  try { const t = await api(b.dataset.action, {}); showTicket(t); loadToday();
    say(b.dataset.action === 'call-next' || b.dataset.action === 'recall' ? 'Đang gọi ' + t.display + '.' :
        t.display + ': ' + (names[t.status] || t.status) + '.');
  } catch (e) { say(e.message, true); }
});
$('transferBtn').onclick = async () => {
  try { const t = await api('transfer', { service: $('transferTo').value }); showTicket(null); loadToday();
    say(t.display + ' đã chuyển sang dịch vụ ' + t.service + '.'); } catch (e) { say(e.message, true); }
};
$('signOutBtn').onclick = async () => { await api('sign-out', {}); token = null; sessionStorage.removeItem('counterToken'); show(null); say('Đã đăng xuất.'); };
load().catch(e => say('Không tải được cấu hình quầy: ' + e.message, true));
