const CURRENT = 3, RECENT = 6;
let calls = [];
const $ = id => document.getElementById(id);

// Sound: one audio context for the page. A browser that will not start it without a tap keeps the sound button.
const AudioContextType = window.AudioContext || window.webkitAudioContext;
const audio = AudioContextType ? new AudioContextType() : null;
// Calls waiting to be said, oldest first; one announcement at a time, never two at once.
const queue = [];
let speaking = false;
// What was said, for the hall's test and benchmark: {ticket, counter, clips, receivedAt, startedAt, endedAt}.
window.announcementsPlayed = [];
// Decoded clips of the voice pack, by name; a clip that failed to load is fetched again next time.
const clips = new Map();

function clip(name) {
  if (!clips.has(name)) {
    const loading = fetch('/man-hinh/voice/' + encodeURIComponent(name) + '.wav')
      .then(r => { if (!r.ok) throw new Error(name + ': ' + r.status); return r.arrayBuffer(); })
      .then(bytes => audio.decodeAudioData(bytes));
    loading.catch(() => clips.delete(name));
    clips.set(name, loading);
  }
  return clips.get(name);
}

// Two notes, starting at t on the audio clock; returns when they have faded.
function chime(t) {
  [[659.25, 0], [523.25, 0.45]].forEach(([f, d]) => {
    const o = audio.createOscillator(), g = audio.createGain();
    o.frequency.value = f; o.connect(g); g.connect(audio.destination);
    g.gain.setValueAtTime(0.0001, t + d); g.gain.exponentialRampToValueAtTime(0.4, t + d + 0.03);
    g.gain.exponentialRampToValueAtTime(0.0001, t + d + 0.8);
    o.start(t + d); o.stop(t + d + 0.85);
  });
  return t + 1.3;
}

// Resolves once the audio clock has passed t.
function until(t) {
  return new Promise(done => {
    const mark = audio.createBufferSource();
    mark.buffer = audio.createBuffer(1, 1, audio.sampleRate);
    mark.connect(audio.destination);
    mark.onended = done;
    mark.start(t);
  });
}

function announce(c) {
  if (!audio || audio.state !== 'running') return;
  const a = c.announce || { enabled: false, volume: 0, clips: [] };
  const item = { ticket: c.display, counter: c.counter, clips: a.enabled ? a.clips : [], volume: a.volume,
    receivedAt: Date.now() };
  item.clips.forEach(clip); // load while earlier announcements play
  queue.push(item);
  speak();
}

async function speak() {
  if (speaking || !queue.length) return;
  speaking = true;
  const item = queue.shift();
  let buffers = [];
  try { buffers = await Promise.all(item.clips.map(clip)); } catch (e) { buffers = []; } // a clip is missing: chime only
  const voice = audio.createGain();
  voice.gain.value = item.volume / 100;
  voice.connect(audio.destination);
  const start = audio.currentTime + 0.05;
  let t = chime(start);
  for (const b of buffers) {
    const s = audio.createBufferSource();
    s.buffer = b; s.connect(voice); s.start(t);
    t += b.duration;
  }
  const startedAt = Date.now() + (start - audio.currentTime) * 1000;
  await until(t);
  voice.disconnect();
  window.announcementsPlayed.push({ ticket: item.ticket, counter: item.counter,
    clips: buffers.length ? item.clips : [], receivedAt: item.receivedAt, startedAt, endedAt: Date.now() });
  speaking = false;
  speak();
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
    render(c.display); announce(c);
  });
  es.onerror = () => {
    $('offline').textContent = 'Mất kết nối, đang thử lại…';
    // the browser retries by itself unless the server refused (e.g. too many displays open): then we retry
    if (es.readyState === EventSource.CLOSED) setTimeout(connect, 15000);
  };
}

if (audio && audio.state === 'running') $('sound').remove();
else $('sound').onclick = () => {
  if (!audio) return;
  audio.resume().then(() => { chime(audio.currentTime + 0.05); $('sound').remove(); });
};
const tick = () => { $('clock').textContent = new Date().toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' }); };
tick(); setInterval(tick, 1000);
connect();
