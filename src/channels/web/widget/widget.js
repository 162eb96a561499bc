// MIDIS Orienta chat widget. Source of /widget.js: no framework, no build step beyond minifying
// (npm run widget:build writes widget-bundle.ts). The server appends the UI strings of the three
// languages as the argument STRINGS. Written for old Android browsers: ES2017, no optional chaining.
(function (STRINGS) {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var data = script.dataset;
  var api = data.api || new URL(script.src, location.href).origin;
  var pageMode = data.mode === "page";
  var startLang = STRINGS[data.lang] ? data.lang : null;
  var color = /^#[0-9a-fA-F]{6}$/.test(data.color || "") ? data.color : "#0b5394";
  // the transcript survives a reload of the tab but not its closing: phones are often shared
  var storeKey = "midis-orienta:" + api;
  var store = tabStore();
  var MAX_LINES = 60;
  var TIMEOUT_MS = 20000;
  var RETRIES = [1000, 3000, 7000];

  var state = load() || { sessionId: null, lang: startLang, pageLang: startLang, seq: 0, lines: [], reply: null };
  // the page itself changed language (e.g. /chat?lang=qu): the ongoing conversation follows it;
  // a language the person picked in the menu is kept across reloads of the same page
  var switchTo = startLang && state.sessionId && state.pageLang !== startLang ? startLang : null;
  state.pageLang = startLang;
  var busy = false;
  var pending = null; // the input being sent: kept until it is answered, never lost

  // sessionStorage, or a plain object for the page's life where the browser refuses storage (a
  // sandboxed iframe, blocked cookies: merely reading window.sessionStorage throws there)
  function tabStore() {
    try {
      var real = window.sessionStorage;
      real.getItem(storeKey);
      return real;
    } catch (e) {
      var kept = {};
      return {
        getItem: function (k) { return Object.prototype.hasOwnProperty.call(kept, k) ? kept[k] : null; },
        setItem: function (k, v) { kept[k] = String(v); },
        removeItem: function (k) { delete kept[k]; },
      };
    }
  }

  function load() {
    try {
      var saved = JSON.parse(store.getItem(storeKey) || "null");
      return saved && typeof saved.seq === "number" ? saved : null;
    } catch (e) {
      return null;
    }
  }
  function save() {
    try {
      state.lines = state.lines.slice(-MAX_LINES);
      store.setItem(storeKey, JSON.stringify(state));
    } catch (e) {
      /* private mode or full storage: the conversation still works, it just is not kept */
    }
  }
  function s(key) {
    var lang = STRINGS[state.lang] ? state.lang : STRINGS[startLang] ? startLang : "es";
    return STRINGS[lang][key];
  }

  // Text on the brand colour: white or near-black, whichever contrasts more (WCAG relative luminance).
  function luminance(hex) {
    var c = [1, 3, 5].map(function (i) {
      var v = parseInt(hex.substr(i, 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  var L = luminance(color);
  var ink = (1.05 / (L + 0.05)) >= ((L + 0.05) / (0.0056 + 0.05)) ? "#fff" : "#111";

  var SHORT = 480;
  var short = window.matchMedia ? window.matchMedia("(max-height:" + SHORT + "px)") : null;
  var css =
    ":host{all:initial}" +
    "*{box-sizing:border-box}" +
    "[hidden]{display:none!important}" +
    ".w{font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a}" +
    ".launch{position:fixed;bottom:16px;right:16px;z-index:2147483000;min-height:48px;padding:0 18px;border:0;border-radius:24px;background:" + color + ";color:" + ink + ";font:inherit;font-weight:600;box-shadow:0 2px 8px rgba(0,0,0,.3);cursor:pointer}" +
    ".panel{display:flex;flex-direction:column;background:#fff;border:1px solid #767676}" +
    ".float{position:fixed;z-index:2147483001;right:8px;bottom:8px;width:min(380px,calc(100vw - 16px));height:min(600px,calc(100vh - 16px));border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.35);overflow:hidden}" +
    ".page{width:100%;height:100%;min-height:420px;border-radius:8px}" +
    "header{display:flex;align-items:center;gap:8px;padding:8px 12px;background:" + color + ";color:" + ink + "}" +
    "h2{font-size:1.05rem;margin:0;flex:1}" +
    "header button{background:transparent;color:inherit;border:2px solid currentColor;border-radius:6px;min-height:40px;min-width:40px;font:inherit;cursor:pointer}" +
    // min-height 0: the log scrolls inside the panel instead of stretching it (and the page)
    ".log{flex:1;min-height:0;overflow-y:auto;padding:12px;background:#f4f6f8}" +
    // the full-page chat fills its element, so the text box stays on screen and the log scrolls
    (pageMode ? ".w{height:100%}" : "") +
    ".msg{margin:0 0 10px;padding:8px 12px;border-radius:10px;max-width:92%;white-space:pre-wrap;overflow-wrap:anywhere}" +
    ".bot{background:#fff;border:1px solid #c8ccd0}" +
    ".me{background:#e3edf7;margin-left:auto;border:1px solid #9db7d3}" +
    ".who{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}" +
    ".opts{display:flex;flex-wrap:wrap;gap:6px;padding:8px 12px;border-top:1px solid #c8ccd0;max-height:45%;overflow-y:auto}" +
    ".opts:empty{display:none}" +
    ".opt{min-height:44px;padding:6px 12px;border:2px solid " + color + ";border-radius:8px;background:#fff;color:#1a1a1a;font:inherit;text-align:left;cursor:pointer}" +
    ".opt.nav{border-color:#767676}" +
    "button:focus-visible,input:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px;box-shadow:0 0 0 5px #ffbf47}" +
    ".status{margin:0;padding:0 12px;font-size:.9rem;color:#8a1c1c}" +
    ".status:empty{display:none}" +
    // a narrow panel (200 % zoom on a phone): the send button goes under the text box
    "form{display:flex;flex-wrap:wrap;gap:6px;padding:8px 12px 12px;border-top:1px solid #c8ccd0}" +
    "label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}" +
    "input{flex:1 1 9em;min-width:0;min-height:44px;padding:8px;border:1px solid #595959;border-radius:6px;font:inherit}" +
    "form button,.retry{min-height:44px;padding:0 14px;border:0;border-radius:6px;background:" + color + ";color:" + ink + ";font:inherit;font-weight:600;cursor:pointer}" +
    "button[disabled]{opacity:.6;cursor:default}" +
    ".foot{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px;padding:0 12px 8px;font-size:.85rem;color:#4a4a4a}" +
    ".foot button{background:none;border:0;color:#1d4f91;text-decoration:underline;font:inherit;min-height:32px;cursor:pointer}" +
    "a{color:#1d4f91;text-decoration:underline}.foot a{display:inline-block;min-height:32px;line-height:32px}" +
    "a:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}" +
    // a short screen (a phone at 200 % zoom is 370 px high): the fixed sections would leave the
    // conversation a sliver, so the panel scrolls as one piece and toLatest() shows the message
    "@media (max-height:" + SHORT + "px){.panel{overflow-y:auto}.log,.opts{flex:none;max-height:none;overflow:visible}}" +
    "@media (prefers-reduced-motion:no-preference){.msg{animation:in .15s ease-out}@keyframes in{from{opacity:0}to{opacity:1}}}";

  // ---- DOM -----------------------------------------------------------------------------------
  var host = document.createElement("div");
  host.setAttribute("data-midis-orienta", "");
  var target = pageMode && data.target ? document.getElementById(data.target) : null;
  (target || document.body).appendChild(host);
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs) if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  var style = el("style", {}, css);
  var wrap = el("div", { class: "w" });
  root.appendChild(style);
  root.appendChild(wrap);

  var uid = "mo" + Math.random().toString(36).slice(2, 8);
  var launch = pageMode ? null : el("button", { type: "button", class: "launch", "aria-expanded": "false", "aria-controls": uid + "-panel" });
  var panel = el("section", { id: uid + "-panel", class: "panel " + (pageMode ? "page" : "float"), "aria-labelledby": uid + "-title" });
  var header = el("header");
  var title = el("h2", { id: uid + "-title" });
  var close = pageMode ? null : el("button", { type: "button" }, "×");
  var log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
  var opts = el("div", { class: "opts", role: "group" });
  var status = el("p", { class: "status", role: "status" });
  var form = el("form", { novalidate: "" });
  var label = el("label", { for: uid + "-in" });
  var input = el("input", { id: uid + "-in", type: "text", autocomplete: "off", enterkeyhint: "send" });
  var send = el("button", { type: "submit" });
  var foot = el("div", { class: "foot" });
  var line101 = el("span");
  var restart = el("button", { type: "button" });

  header.appendChild(title);
  if (close) header.appendChild(close);
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  foot.appendChild(line101);
  foot.appendChild(restart);
  [header, log, opts, status, form, foot].forEach(function (n) {
    panel.appendChild(n);
  });
  if (launch) {
    wrap.appendChild(launch);
    panel.hidden = true;
  }
  wrap.appendChild(panel);

  function applyStrings() {
    wrap.setAttribute("lang", state.lang || startLang || "es");
    if (launch) launch.textContent = s("title"), launch.setAttribute("aria-label", s("open"));
    if (close) close.setAttribute("aria-label", s("close"));
    title.textContent = s("title");
    log.setAttribute("aria-label", s("log"));
    opts.setAttribute("aria-label", s("options"));
    label.textContent = s("input_label");
    send.textContent = s("send");
    line101.textContent = "";
    appendText(line101, s("free_line"), s("phones"));
    restart.textContent = s("restart");
    applyInputKind();
  }

  function applyInputKind() {
    var kind = state.reply && state.reply.input ? state.reply.input : "choice";
    var numeric = kind === "dni" || kind === "date" || kind === "digits";
    input.setAttribute("inputmode", numeric ? "numeric" : "text");
    input.setAttribute("placeholder", s("placeholder")[kind] || "");
    if (kind === "dni") input.setAttribute("maxlength", "8");
    else if (kind === "date") input.setAttribute("maxlength", "10");
    else input.setAttribute("maxlength", "2000"); // the chat API refuses longer text
  }

  // Text with its phone numbers as tel: links, built as nodes (never innerHTML): the service says
  // which stretches are numbers, and only a tel: address of digits becomes a link.
  function appendText(node, text, links) {
    var safe = (links || []).filter(function (l) {
      return l && typeof l.text === "string" && l.text !== "" && /^tel:\+?[0-9]{2,15}$/.test(l.href);
    });
    var rest = text;
    while (rest) {
      var at = -1;
      var link = null;
      safe.forEach(function (l) {
        var i = rest.indexOf(l.text);
        if (i >= 0 && (at < 0 || i < at)) (at = i), (link = l);
      });
      if (!link) {
        node.appendChild(document.createTextNode(rest));
        break;
      }
      if (at > 0) node.appendChild(document.createTextNode(rest.slice(0, at)));
      node.appendChild(el("a", { href: link.href }, link.text));
      rest = rest.slice(at + link.text.length);
    }
  }

  function toLatest() {
    log.scrollTop = log.scrollHeight;
    if (!short || !short.matches) return;
    // short screen: the panel (or, for /chat, the page) scrolls; the latest message from its top
    var last = log.lastElementChild;
    if (!last) return;
    if (pageMode) last.scrollIntoView({ block: "start" });
    else panel.scrollTop += last.getBoundingClientRect().top - panel.getBoundingClientRect().top - 8;
  }

  function addLine(who, text, persist, links) {
    var p = el("p", { class: "msg " + (who === "me" ? "me" : "bot") });
    p.appendChild(el("span", { class: "who" }, (who === "me" ? s("you") : s("service")) + ": "));
    appendText(p, text, links);
    log.appendChild(p);
    toLatest();
    if (persist) state.lines.push(links && links.length ? { who: who, text: text, links: links } : { who: who, text: text });
  }

  function showOptions(reply, focus) {
    opts.textContent = "";
    var first = null;
    (reply && !reply.end ? reply.options : []).forEach(function (o) {
      var b = el("button", { type: "button", class: "opt" + (o.id === "0" || o.id === "00" || o.id === "98" ? " nav" : ""), "data-id": o.id }, o.label);
      b.addEventListener("click", function () {
        submit({ choice: o.id }, o.label);
      });
      opts.appendChild(b);
      first = first || b;
    });
    applyInputKind();
    // the options took room from the log: keep the latest message in view
    toLatest();
    // on a short screen focusing must not scroll the message just shown out of view
    if (focus) (first && !(reply && reply.input) ? first : input).focus(short && short.matches ? { preventScroll: true } : undefined);
  }

  // Masks what must not sit in the tab's storage in clear: a DNI or a date of birth.
  function forStorage(text, kind) {
    if (kind === "dni" || kind === "date") return text.replace(/\d(?=\d{2})/g, "•");
    return text;
  }

  // ---- talking to the service --------------------------------------------------------------------
  function post(body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    return fetch(api + "/api/v1/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined,
    }).then(
      function (res) {
        clearTimeout(timer);
        if (res.status >= 500) {
          // 503 storage_unavailable carries why, in the person's language (try again / Línea 101)
          return res.json().then(
            function (json) { var e = new Error("server " + res.status); e.said = json && json.message; throw e; },
            function () { throw new Error("server " + res.status); }
          );
        }
        return res.json().then(function (json) {
          return { status: res.status, json: json };
        });
      },
      function (error) {
        clearTimeout(timer);
        throw error;
      }
    );
  }

  function attempt(body, tries) {
    return post(body).catch(function (error) {
      if (tries >= RETRIES.length) throw error;
      status.textContent = s("retrying");
      return new Promise(function (resolve) {
        setTimeout(resolve, RETRIES[tries]);
      }).then(function () {
        return attempt(body, tries + 1);
      });
    });
  }

  function setBusy(on) {
    busy = on;
    send.disabled = on;
    panel.setAttribute("aria-busy", on ? "true" : "false");
    Array.prototype.forEach.call(opts.querySelectorAll("button"), function (b) {
      b.disabled = on;
    });
  }

  // One turn: `fields` is {text} or {choice}; `shown` is what the person sees they said.
  function submit(fields, shown, quiet) {
    if (busy) return;
    var kind = state.reply && state.reply.input;
    var body = { sessionId: state.sessionId };
    if (!state.sessionId && state.lang) body.lang = state.lang;
    if (switchTo) {
      body.lang = switchTo;
      switchTo = null;
    }
    if (fields) {
      if (fields.text !== undefined) body.text = fields.text;
      if (fields.choice !== undefined) body.choice = fields.choice;
      body.seq = state.seq;
      pending = { fields: fields, shown: shown, kind: kind, seq: state.seq };
      addLine("me", shown, false);
    }
    setBusy(true);
    status.textContent = s("loading");
    attempt(body, 0).then(
      function (res) {
        setBusy(false);
        if (res.status !== 200) {
          // refused: a stored id this service no longer takes starts clean; anything else keeps
          // the conversation; what was typed is kept either way
          pending = null;
          if (res.json && res.json.field === "sessionId") state = { sessionId: null, lang: state.lang, pageLang: startLang, seq: 0, lines: state.lines, reply: null, open: state.open };
          if (fields && fields.text !== undefined) input.value = fields.text;
          status.textContent = s("failed");
          return;
        }
        if (fields) {
          state.lines.push({ who: "me", text: forStorage(shown, kind) });
          state.seq = res.json.sessionId === state.sessionId ? state.seq + 1 : 0;
          pending = null;
        }
        if (res.json.sessionId !== state.sessionId) state.seq = 0;
        state.sessionId = res.json.sessionId;
        state.lang = res.json.lang;
        state.reply = res.json.reply;
        status.textContent = "";
        applyStrings();
        addLine("bot", state.reply.text, true, state.reply.links);
        if (state.reply.end) addLine("bot", s("ended"), false);
        save();
        showOptions(state.reply, !quiet);
      },
      function (error) {
        setBusy(false);
        status.textContent = "";
        status.appendChild(document.createTextNode(((error && error.said) || s("failed")) + " "));
        var again = el("button", { type: "button", class: "retry" }, s("retry"));
        again.addEventListener("click", function () {
          var p = pending;
          pending = null;
          if (p) log.removeChild(log.lastChild);
          submit(p ? p.fields : null, p ? p.shown : undefined);
        });
        status.appendChild(again);
        again.focus();
      }
    );
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    submit({ text: text }, text);
  });

  restart.addEventListener("click", function () {
    state = { sessionId: null, lang: state.lang || startLang, pageLang: startLang, seq: 0, lines: [], reply: null, open: state.open };
    try {
      store.removeItem(storeKey);
    } catch (e) {
      /* nothing kept */
    }
    log.textContent = "";
    opts.textContent = "";
    submit(null);
  });

  var started = false;
  // `focus` false when the page opens the panel by itself (a reload): never steal the focus
  function open(focus) {
    if (launch) {
      panel.hidden = false;
      launch.hidden = true;
      launch.setAttribute("aria-expanded", "true");
      // the person's choice travels with the conversation: open on the next page too
      state.open = true;
      save();
    }
    if (!started) {
      started = true;
      if (state.reply && !switchTo) showOptions(state.reply, focus);
      else submit(null, undefined, !focus);
    } else showOptions(state.reply, focus);
    toLatest();
  }
  function shut() {
    panel.hidden = true;
    launch.hidden = false;
    launch.setAttribute("aria-expanded", "false");
    // closed stays closed, on a reload and on the site's other pages, until the person opens it
    state.open = false;
    save();
    launch.focus();
  }
  if (launch)
    launch.addEventListener("click", function () {
      open(true);
    });
  if (close) close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && launch) shut();
  });

  // a reload shows the conversation as it was, without asking the service again
  applyStrings();
  state.lines.forEach(function (l) {
    addLine(l.who, l.text, false, l.links);
  });
  if (pageMode) {
    started = true;
    if (state.reply && !switchTo) showOptions(state.reply, false);
    else submit(null, undefined, true);
  } else if (state.open === true || (state.open === undefined && data.open === "true")) open(false);
})(__STRINGS__);
