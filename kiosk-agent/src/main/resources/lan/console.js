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

function show(state) {
  $('signin').classList.toggle('hidden', !!state);
  $('desk').classList.toggle('hidden', !state);
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
  try { const t = await api(b.dataset.action, {}); showTicket(t);
    say(b.dataset.action === 'call-next' || b.dataset.action === 'recall' ? 'Đang gọi ' + t.display + '.' :
        t.display + ': ' + (names[t.status] || t.status) + '.');
  } catch (e) { say(e.message, true); }
});
$('transferBtn').onclick = async () => {
  try { const t = await api('transfer', { service: $('transferTo').value }); showTicket(null);
    say(t.display + ' đã chuyển sang dịch vụ ' + t.service + '.'); } catch (e) { say(e.message, true); }
};
$('signOutBtn').onclick = async () => { await api('sign-out', {}); token = null; sessionStorage.removeItem('counterToken'); show(null); say('Đã đăng xuất.'); };
load().catch(e => say('Không tải được cấu hình quầy: ' + e.message, true));
