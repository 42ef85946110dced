// The ticket page: follows the live stream, swaps in the status, and alerts (sound, vibration, title) when the
// ticket is near the front and when it is called. Sound needs one tap first: browsers block audio until then.
(function () {
  'use strict';
  var body = document.body, status = document.getElementById('status'), button = document.getElementById('sound-on');
  var baseTitle = document.title, audio = null, flashing = null, alerted = {};
  // what the page showed when it was opened is no news: alert only on what changes while it is open
  alerted.called = body.dataset.state === 'called';
  alerted.near = body.dataset.near === 'true';

  function beep(times) {
    if (!audio) { return; }
    for (var i = 0; i < times; i++) {
      var o = audio.createOscillator(), g = audio.createGain(), t = audio.currentTime + i * 0.35;
      o.frequency.value = 880; g.gain.setValueAtTime(0.3, t); g.gain.exponentialRampToValueAtTime(0.001, t + 0.3);
      o.connect(g); g.connect(audio.destination); o.start(t); o.stop(t + 0.3);
    }
  }
  function flash(text) {
    clearInterval(flashing);
    var on = false;
    flashing = setInterval(function () { on = !on; document.title = on ? text : baseTitle; }, 800);
    document.addEventListener('visibilitychange', function stop() {
      if (!document.hidden) { clearInterval(flashing); document.title = baseTitle; }
    }, { once: true });
  }
  function alert(kind) {
    if (alerted[kind]) { return; }
    alerted[kind] = true;
    beep(kind === 'called' ? 3 : 2);
    if (navigator.vibrate) { navigator.vibrate(kind === 'called' ? [400, 200, 400, 200, 400] : [300, 150, 300]); }
    flash(kind === 'called' ? body.dataset.titleCalled : body.dataset.titleNear);
  }
  if (button) {
    button.addEventListener('click', function () {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!audio && Ctx) { audio = new Ctx(); }
      if (audio && audio.resume) { audio.resume(); }
      button.setAttribute('aria-pressed', 'true');
      beep(1);
    });
  }
  if (!window.EventSource || !body.dataset.live) { return; }
  var source = new EventSource(body.dataset.live);
  source.addEventListener('ticket', function (e) {
    var u = JSON.parse(e.data);
    body.setAttribute('data-connected', 'true');
    status.innerHTML = u.html;
    body.dataset.state = u.state;
    if (u.state === 'called') { alert('called'); } else if (u.near) { alert('near'); }
    if (u.state === 'served' || u.state === 'no_show') { source.close(); }
  });
})();
