"use strict";
(function () {
  const csrfMeta = document.querySelector('meta[name="csrf"]');
  const csrf = csrfMeta ? csrfMeta.content : "";

  function send(method, url, body) {
    return fetch(url, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) { return { status: r.status, body: j }; });
    });
  }

  // the desk's time zone, as the server renders it, whatever the browser's own
  const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit",
    month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
  function fmtTime(ms) {
    return ms ? timeFormat.format(new Date(ms)).replace(",", "") : "—";
  }

  function fmt(field, v) {
    if (v === null || v === undefined || v === "") { return "—"; }
    if (field === "diskPercent") { return Math.round(v) + " %"; }
    if (field === "temperatureC") { return v.toFixed(1) + " °C"; }
    return String(v);
  }

  const signOut = document.getElementById("sign-out");
  if (signOut) {
    signOut.addEventListener("click", function () {
      send("POST", "/logout").then(function () { location.href = "/login"; });
    });
  }

  const fleet = document.getElementById("fleet");
  function paintState(cell, online) {
    cell.textContent = online ? fleet.dataset.online : fleet.dataset.offline;
    cell.className = online ? "on" : "off";
  }
  if (fleet) {
    fleet.querySelectorAll('td[data-f="state"]').forEach(function (td) { paintState(td, td.className === "on"); });
    const ids = Array.prototype.map.call(fleet.querySelectorAll("tbody tr[data-kiosk]"), function (tr) {
      return tr.dataset.kiosk;
    });
    const counts = new Intl.NumberFormat(document.documentElement.lang === "en" ? "en" : "vi");
    function setCount(id, n, cls) {
      const el = document.getElementById(id);
      if (el) {
        el.textContent = counts.format(n);
        if (cls !== undefined) { el.className = cls; }
      }
    }
    // only the rows of this page are streamed; an empty page needs only the totals
    if (window.EventSource) {
      const live = document.getElementById("live");
      const source = new EventSource("/api/fleet/stream?ids=" + encodeURIComponent(ids.length ? ids.join(",") : "-"));
      source.onopen = function () { live.classList.add("up"); };
      source.onerror = function () { live.classList.remove("up"); };
      source.addEventListener("fleet", function (e) {
        const update = JSON.parse(e.data);
        update.kiosks.forEach(function (k) {
          const row = document.getElementById("k-" + k.kioskId);
          if (!row) { return; }
          paintState(row.querySelector('td[data-f="state"]'), k.online);
          row.querySelector('td[data-f="lastHeard"]').textContent = fmtTime(k.lastHeard);
          ["version", "configVersion", "printer", "diskPercent", "temperatureC", "backlog", "lastAckSeq",
            "openAlerts"].forEach(function (f) {
            row.querySelector('td[data-f="' + f + '"]').textContent = fmt(f, k[f]);
          });
          row.querySelector('td[data-f="openAlerts"]').className = k.openAlerts > 0 ? "warn" : "";
          const printer = row.querySelector('td[data-f="printer"]');
          printer.className = !k.printer || k.printer === "ok" ? "" : k.printer === "paper_low" ? "warn" : "bad";
        });
        const t = update.totals;
        setCount("count-kiosks", t.kiosks);
        setCount("count-online", t.online);
        setCount("count-offline", t.offline, t.offline > 0 ? "off" : "");
        setCount("count-alerting", t.alerting, t.alerting > 0 ? "warn" : "");
      });
    }
  }

  const commandForm = document.getElementById("command-form");
  if (commandForm) {
    const msg = document.getElementById("command-msg");
    // the notice's text and minutes only when a notice is being sent
    function noticeFields() {
      const notice = commandForm.elements.type.value === "show_notice";
      commandForm.elements.text.hidden = !notice;
      commandForm.querySelector(".notice-minutes").hidden = !notice;
    }
    commandForm.elements.type.addEventListener("change", noticeFields);
    noticeFields();
    commandForm.addEventListener("submit", function (e) {
      e.preventDefault();
      const type = commandForm.elements.type.value;
      const args = type === "show_notice"
        ? { text: commandForm.elements.text.value, minutes: commandForm.elements.minutes.value } : {};
      send("POST", "/api/kiosks/" + encodeURIComponent(commandForm.dataset.kiosk) + "/commands",
        { type: type, args: args }).then(function (r) {
        msg.textContent = r.status === 202 ? "✓ " + r.body.id : (r.body.message || ("HTTP " + r.status));
        msg.className = r.status === 202 ? "msg" : "msg error";
        refreshHistory();
      });
    });
  }

  const history = document.getElementById("history");
  function refreshHistory() {
    if (!commandForm && !history) { return; }
    const kiosk = location.pathname.split("/").pop();
    fetch("/api/kiosks/" + encodeURIComponent(kiosk) + "/commands", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (list) {
        const pending = list.some(function (c) { return c.state === "pending"; });
        const shown = Array.prototype.map.call(history.querySelectorAll("tr[data-command]"), function (tr) {
          return tr.dataset.command + ":" + tr.dataset.state;
        }).join(",");
        const now = list.map(function (c) {
          return c.id + ":" + c.state;
        }).join(",");
        if (shown !== now) { location.reload(); return; }
        if (pending) { setTimeout(refreshHistory, 1000); }
      });
  }
  if (history && history.querySelector('tr[data-state="pending"]')) { setTimeout(refreshHistory, 1000); }

  document.querySelectorAll("button.ack").forEach(function (b) {
    b.addEventListener("click", function () {
      send("POST", "/api/alerts/" + encodeURIComponent(b.dataset.alert) + "/ack").then(function () {
        location.reload();
      });
    });
  });

  const userForm = document.getElementById("user-form");
  if (userForm) {
    userForm.addEventListener("submit", function (e) {
      e.preventDefault();
      const f = userForm.elements;
      send("POST", "/api/users", { username: f.username.value, password: f.password.value, role: f.role.value })
        .then(function (r) {
          if (r.status === 200) { location.reload(); return; }
          document.getElementById("user-msg").textContent = r.body.message || ("HTTP " + r.status);
        });
    });
  }
})();

(function () {
  const form = document.getElementById("config-form");
  if (!form) { return; }
  const csrf = document.querySelector('meta[name="csrf"]').content;
  form.elements.site.addEventListener("change", function () {
    location.href = "/admin/config?site=" + encodeURIComponent(form.elements.site.value);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    const msg = document.getElementById("config-msg");
    fetch("/api/sites/" + encodeURIComponent(form.elements.site.value) + "/config", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: form.elements.json.value
    }).then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); })
      .then(function (r) {
        if (r.status === 200) {
          document.getElementById("config-version").textContent = r.body.version;
          msg.textContent = form.dataset.done.replace("{v}", r.body.version).replace("{n}", r.body.kiosks);
          msg.className = "msg";
        } else {
          msg.textContent = (r.body.parameter ? r.body.parameter + ": " : "") + (r.body.message || ("HTTP " + r.status));
          msg.className = "msg error";
        }
      });
  });
})();

(function () {
  const input = document.getElementById("procedures-file");
  if (!input) { return; }
  const csrf = document.querySelector('meta[name="csrf"]').content;
  const msg = document.getElementById("import-msg");
  input.addEventListener("change", function () {
    const file = input.files[0];
    if (!file) { return; }
    // the bytes as they are: the server tells CSV from .xlsx by their content
    fetch("/api/procedures/parse", { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/octet-stream", "X-CSRF-Token": csrf }, body: file })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) { return { status: r.status, body: j }; });
      })
      .then(function (r) {
        input.value = "";
        if (r.status !== 200) {
          msg.textContent = file.name + ": " + (r.body.message || ("HTTP " + r.status));
          msg.className = "msg error";
          return;
        }
        const area = document.getElementById("config-json");
        let draft;
        try { draft = JSON.parse(area.value); } catch (e) { draft = {}; }
        draft.procedures = r.body;
        area.value = JSON.stringify(draft, null, 2);
        msg.textContent = msg.dataset.done.replace("{n}", r.body.length);
        msg.className = "msg";
      });
  });
})();
