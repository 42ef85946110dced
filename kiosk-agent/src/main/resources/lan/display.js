const CURRENT = 3, RECENT = 6;
let calls = [];
let audio = null;
const $ = id => document.getElementById(id);

function chime() {
  if (!audio) return;
  const t = audio.currentTime;
  [[659.25, 0], [523.25, 0.45]].forEach(([f, d]) => {
    const o = audio.createOscillator(), g = audio.createGain();
    o.frequency.value = f; o.connect(g); g.connect(audio.destination);
    g.gain.setValueAtTime(0.0001, t + d); g.gain.exponentialRampToValueAtTime(0.4, t + d + 0.03);
    g.gain.exponentialRampToValueAtTime(0.0001, t + d + 0.8);
    o.start(t + d); o.stop(t + d + 0.85);
  });
}

// Names come from the site configuration: always text, never markup.
function div(className, text) {
  const d = document.createElement('div');
  d.className = className;
  d.textContent = text;
  return d;
}

function render(freshDisplay) {
  // one line per counter: a counter's newer call replaces its older one on the big board
  const seen = new Set(), current = [];
  for (const c of calls) { if (!seen.has(c.counter)) { seen.add(c.counter); current.push(c); } if (current.length === CURRENT) break; }
  $('now').replaceChildren(...current.map(c => {
    const card = div('call' + (c.display === freshDisplay ? ' fresh' : ''), '');
    card.append(div('num', c.display), div('to', '→ ' + c.counterName));
    return card;
  }));
  $('recent').textContent = calls.slice(0, RECENT).map(c => c.display + ' → ' + c.counterName).join('   ·   ');
}

function connect() {
  const es = new EventSource('/man-hinh/events');
  es.addEventListener('recent', e => { calls = JSON.parse(e.data); $('offline').textContent = ''; render(null); });
  es.addEventListener('call', e => {
    const c = JSON.parse(e.data);
    calls = [c].concat(calls.filter(x => !(x.display === c.display && x.counter === c.counter))).slice(0, 20);
    render(c.display); chime();
  });
  es.onerror = () => {
    $('offline').textContent = 'Mất kết nối, đang thử lại…';
    // the browser retries by itself unless the server refused (e.g. too many displays open): then we retry
    if (es.readyState === EventSource.CLOSED) setTimeout(connect, 15000);
  };
}

$('sound').onclick = () => { audio = new (window.AudioContext || window.webkitAudioContext)(); chime(); $('sound').remove(); };
const tick = () => { $('clock').textContent = new Date().toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' }); };
tick(); setInterval(tick, 1000);
connect();
