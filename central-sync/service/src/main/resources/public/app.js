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
          const row = document.getElementById("k-" + k.siteId + "/" + k.kioskId);
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
      send("POST", commandForm.dataset.commands,
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
    fetch(history.dataset.commands, { credentials: "same-origin" })
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

  // a quarantined event: try to store it again; the page shows what is left
  document.querySelectorAll("button.readmit").forEach(function (b) {
    b.addEventListener("click", function () {
      send("POST", "/api/quarantine/" + encodeURIComponent(b.dataset.quarantine) + "/readmit").then(function (r) {
        if (r.status === 200) { location.reload(); return; }
        const msg = document.getElementById("readmit-msg");
        msg.textContent = (r.body && r.body.message) || ("HTTP " + r.status);
        msg.className = "msg error";
      });
    });
  });

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
  const area = document.getElementById("config-json");
  const easy = document.getElementById("config-easy");
  const advanced = document.getElementById("config-advanced");
  const msg = document.getElementById("config-msg");
  // the columns of each list, as the form shows them; every other key of an item is kept as it came
  const columns = {
    services: ["prefix", "nameVi", "nameEn", "targetMinutes", "longestWaitMinutes", "queueLength"],
    counters: ["id", "nameVi", "services"],
    officers: ["id", "name", "photoUrl"]
  };
  const optional = { nameEn: true, photoUrl: true, targetMinutes: true, longestWaitMinutes: true, queueLength: true };
  // whole numbers with their bounds; sent as numbers, or as typed when they are not one so the server names the field
  const numeric = { targetMinutes: 480, longestWaitMinutes: 720, queueLength: 999 };
  function numberOrText(v) { return /^\d{1,6}$/.test(v) ? Number(v) : v; }
  let draft;

  function tbody(list) { return document.querySelector("#cfg-" + list + " tbody"); }
  function rows(list) { return Array.prototype.slice.call(tbody(list).rows); }
  function header(list, f) { return document.querySelector("#cfg-" + list + ' th[data-f="' + f + '"]').textContent; }
  function prefixes() {
    const seen = [];
    rows("services").forEach(function (tr) {
      const p = tr.querySelector('input[data-f="prefix"]').value;
      if (p && seen.indexOf(p) < 0) { seen.push(p); }
    });
    return seen;
  }
  function checked(tr) {
    return Array.prototype.map.call(tr.querySelectorAll(".checks input:checked"), function (c) { return c.value; });
  }

  // a counter's services: one box per service, plus any it names that no service has, so nothing vanishes unseen
  function paintChecks(tr, selected) {
    const box = tr.querySelector(".checks");
    const known = prefixes();
    const shown = known.concat(selected.filter(function (p) { return known.indexOf(p) < 0; }));
    box.textContent = "";
    if (!shown.length) {
      const none = document.createElement("span");
      none.className = "muted";
      none.textContent = easy.dataset.none;
      box.appendChild(none);
    }
    shown.forEach(function (p) {
      const label = document.createElement("label");
      label.className = known.indexOf(p) < 0 ? "check unknown" : "check";
      const input = document.createElement("input");
      input.type = "checkbox";
      input.value = p;
      input.checked = selected.indexOf(p) >= 0;
      label.appendChild(input);
      label.appendChild(document.createTextNode(known.indexOf(p) < 0 ? p + " (" + easy.dataset.unknown + ")" : p));
      box.appendChild(label);
    });
  }
  function repaintChecks(rename) {
    rows("counters").forEach(function (tr) {
      paintChecks(tr, checked(tr).map(function (p) { return rename && p === rename.from ? rename.to : p; })
        .filter(function (p, i, all) { return all.indexOf(p) === i && !(rename && rename.drop === p); }));
    });
  }

  function addRow(list, item) {
    const tr = document.createElement("tr");
    tr.item = item;
    columns[list].forEach(function (f) {
      const td = document.createElement("td");
      td.dataset.f = f;
      if (list === "counters" && f === "services") {
        const box = document.createElement("div");
        box.className = "checks";
        box.dataset.f = f;
        td.appendChild(box);
      } else {
        const input = document.createElement("input");
        input.type = f === "photoUrl" ? "url" : numeric[f] ? "number" : "text";
        if (numeric[f]) { input.min = 1; input.max = numeric[f]; input.step = 1; }
        input.dataset.f = f;
        input.value = item[f] == null ? "" : item[f];
        input.setAttribute("aria-label", header(list, f));
        if (f === "prefix") {
          input.maxLength = 1;
          input.autocapitalize = "characters";
          input.dataset.was = input.value;
        }
        td.appendChild(input);
      }
      tr.appendChild(td);
    });
    const td = document.createElement("td");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.textContent = easy.dataset.remove;
    td.appendChild(remove);
    tr.appendChild(td);
    tbody(list).appendChild(tr);
    if (list === "counters") { paintChecks(tr, item.services || []); }
    return tr;
  }

  // the paths the server names in a refusal, e.g. services[1].prefix
  function number() {
    Object.keys(columns).forEach(function (list) {
      rows(list).forEach(function (tr, i) {
        tr.querySelectorAll("[data-f]").forEach(function (el) {
          if (el.tagName !== "TD") { el.dataset.path = list + "[" + i + "]." + el.dataset.f; }
        });
      });
    });
  }

  function render() {
    document.getElementById("cfg-site-name").value = draft.siteName || "";
    document.querySelectorAll('input[name="ratingScale"]').forEach(function (r) {
      r.checked = Number(r.value) === draft.ratingScale;
    });
    document.getElementById("cfg-notices").value = (draft.notices || []).join("\n");
    document.getElementById("cfg-public-base-url").value = draft.publicBaseUrl || "";
    document.getElementById("cfg-alert-ahead").value = draft.alertAhead == null ? "" : draft.alertAhead;
    const announce = draft.announce || {};
    document.getElementById("cfg-announce-enabled").checked = announce.enabled !== false;
    document.getElementById("cfg-announce-volume").value = announce.volume == null ? "" : announce.volume;
    document.getElementById("cfg-idle-counter").value =
      draft.idleCounterMinutes == null ? "" : draft.idleCounterMinutes;
    Object.keys(columns).forEach(function (list) {
      tbody(list).textContent = "";
      (draft[list] || []).forEach(function (item) { addRow(list, item); });
    });
    number();
    countProcedures();
  }

  function countProcedures() {
    document.getElementById("cfg-catalogue-count").textContent =
      easy.dataset.count.replace("{n}", (draft.procedures || []).length);
  }

  // the form into the draft, the draft into the JSON that is published
  function readForm() {
    draft.siteName = document.getElementById("cfg-site-name").value;
    const scale = document.querySelector('input[name="ratingScale"]:checked');
    draft.ratingScale = scale ? Number(scale.value) : draft.ratingScale;
    draft.notices = document.getElementById("cfg-notices").value.split("\n")
      .map(function (l) { return l.trim(); }).filter(function (l) { return l; });
    // optional: left out of the draft when empty, so the kiosk keeps its LAN page and the default alert
    const publicUrl = document.getElementById("cfg-public-base-url").value.trim();
    if (publicUrl) { draft.publicBaseUrl = publicUrl; } else { delete draft.publicBaseUrl; }
    const ahead = document.getElementById("cfg-alert-ahead").value.trim();
    if (ahead) { draft.alertAhead = Number(ahead); } else { delete draft.alertAhead; }
    // numbers called aloud: written only when the draft had it or the form differs from the defaults (on, 80),
    // so a configuration without it stays as it was
    const announceOn = document.getElementById("cfg-announce-enabled").checked;
    const volume = document.getElementById("cfg-announce-volume").value.trim();
    if (draft.announce || !announceOn || volume) {
      draft.announce = { enabled: announceOn };
      if (volume) { draft.announce.volume = Number(volume); }
    }
    const idle = document.getElementById("cfg-idle-counter").value.trim();
    if (idle) { draft.idleCounterMinutes = numberOrText(idle); } else { delete draft.idleCounterMinutes; }
    Object.keys(columns).forEach(function (list) {
      draft[list] = rows(list).map(function (tr) {
        const item = Object.assign({}, tr.item);
        columns[list].forEach(function (f) {
          if (list === "counters" && f === "services") {
            item.services = checked(tr);
          } else {
            const v = tr.querySelector('input[data-f="' + f + '"]').value.trim();
            if (numeric[f]) {
              if (v === "") { delete item[f]; } else { item[f] = numberOrText(v); }
            } else {
              item[f] = v === "" && optional[f] ? null : v;
            }
          }
        });
        return item;
      });
    });
    area.value = JSON.stringify(draft, null, 2);
  }

  // the JSON into the form; a draft that does not parse leaves the form as it was, saying so
  function readJson() {
    const bad = document.getElementById("config-json-bad");
    let parsed;
    if (!area.value.trim()) {
      parsed = { version: 1, siteName: "", services: [], counters: [], officers: [], procedures: [],
        ratingScale: 5, notices: [], sig: null };
    } else {
      try { parsed = JSON.parse(area.value); } catch (e) { parsed = null; }
    }
    const broken = !parsed || typeof parsed !== "object" || Array.isArray(parsed);
    bad.hidden = !broken;
    // while the JSON does not parse, the form would overwrite what is being typed there
    easy.querySelectorAll("section:not(.catalogue) input, section:not(.catalogue) textarea, "
      + "section:not(.catalogue) button").forEach(function (el) { el.disabled = broken; });
    if (broken) {
      return;
    }
    draft = parsed;
    render();
  }

  function clearRefusal() {
    easy.querySelectorAll(".invalid").forEach(function (el) { el.classList.remove("invalid"); });
    easy.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
  }

  // marks the field a refusal names, or its nearest enclosing part, e.g. counters[0].services for .services[1]
  function showRefusal(path, text) {
    let el = null;
    let p = path || "";
    while (p && !(el = easy.querySelector('[data-path="' + p + '"]'))) {
      const up = p.replace(/(\[\d+\]|\.[^.[]+)$/, "");
      if (up === p) { break; }
      p = up;
    }
    if (!el) {
      advanced.open = true;
      return;
    }
    el.classList.add("invalid");
    const note = document.createElement("p");
    note.className = "field-error error";
    note.textContent = text;
    el.insertAdjacentElement("afterend", note);
    el.scrollIntoView({ block: "center" });
    if (el.focus) { el.focus({ preventScroll: true }); }
  }

  easy.addEventListener("input", function (e) {
    const t = e.target;
    if (t.type === "file") { return; }
    clearRefusal();
    if (t.dataset.f === "prefix") {
      t.value = t.value.toUpperCase();
      // a letter changed in place follows into the counters that served the old one
      const from = t.dataset.was;
      if (t.value) { t.dataset.was = t.value; }
      repaintChecks(from && t.value && from !== t.value ? { from: from, to: t.value } : null);
    }
    readForm();
  });
  easy.addEventListener("change", function (e) {
    if (e.target.type === "checkbox" || e.target.type === "radio") { readForm(); }
  });
  easy.addEventListener("click", function (e) {
    const add = e.target.closest("button[data-add]");
    const remove = e.target.closest("button.remove");
    if (!add && !remove) { return; }
    clearRefusal();
    if (add) {
      const tr = addRow(add.dataset.add, {});
      number();
      readForm();
      tr.querySelector("input").focus();
    } else {
      const tr = remove.closest("tr");
      const list = tr.closest("table").id.replace("cfg-", "");
      const gone = list === "services" ? tr.querySelector('input[data-f="prefix"]').value : null;
      tr.remove();
      if (gone && prefixes().indexOf(gone) < 0) { repaintChecks({ drop: gone }); }
      number();
      readForm();
    }
  });
  area.addEventListener("input", function () {
    clearRefusal();
    readJson();
  });
  readJson();
  if (!area.value.trim() && form.elements.site.value) { readForm(); }

  form.elements.site.addEventListener("change", function () {
    location.href = "/admin/config?site=" + encodeURIComponent(form.elements.site.value);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearRefusal();
    fetch("/api/sites/" + encodeURIComponent(form.elements.site.value) + "/config", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: area.value
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) { return { status: r.status, body: j }; });
    }).then(function (r) {
      if (r.status === 200) {
        document.getElementById("config-version").textContent = r.body.version;
        msg.textContent = form.dataset.done.replace("{v}", r.body.version).replace("{n}", r.body.kiosks);
        msg.className = "msg";
      } else {
        const why = r.body.message || ("HTTP " + r.status);
        const p = r.body.parameter;
        msg.textContent = p && why.indexOf(p) < 0 ? p + ": " + why : why;
        msg.className = "msg error";
        // next to the field, the field need not be named again
        showRefusal(p, p && why.indexOf(p) >= 0 ? why.slice(why.indexOf(p) + p.length).trim() : why);
      }
    });
  });

  const input = document.getElementById("procedures-file");
  const importMsg = document.getElementById("import-msg");
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
          importMsg.textContent = file.name + ": " + (r.body.message || ("HTTP " + r.status));
          importMsg.className = "msg error";
          return;
        }
        let base;
        try { base = JSON.parse(area.value); } catch (e) { base = {}; }
        base.procedures = r.body;
        area.value = JSON.stringify(base, null, 2);
        readJson();
        importMsg.textContent = importMsg.dataset.done.replace("{n}", r.body.length);
        importMsg.className = "msg";
      });
  });
})();
