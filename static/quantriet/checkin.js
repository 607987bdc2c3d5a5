/* Site operator's check-in page: camera QR scanning (vendored jsQR), manual code, roll call.
 *
 * Every scan or tick gets a client UUID and goes into a queue kept in localStorage, so nothing is
 * lost when the network drops or the page is reloaded. A lone item is sent to the single
 * endpoint; after a network failure, or when several are waiting, the queue goes through the
 * batch endpoint. The server counts each person once, so resending is always safe.
 * Every text shown comes from the server's answer or from the page's data-msg-* attributes.
 */
(function () {
  "use strict";

  var root = document.getElementById("qt-checkin");
  if (!root) {
    return;
  }
  var cfg = root.dataset;
  var siteId = parseInt(cfg.site, 10);
  var storeKey = "quantriet.checkin.queue." + cfg.conference;
  var MAX_BATCH = 1000;
  var RETRY_MS = 5000;
  var SAME_CODE_MS = 8000;

  var banner = document.getElementById("qt-banner");
  var waiting = document.getElementById("qt-waiting");
  var roll = document.getElementById("qt-roll");
  var search = document.getElementById("qt-search");
  var presentCounter = root.querySelector('[data-counter="present"]');

  // --- helpers -------------------------------------------------------------------------

  function fold(text) {
    return (text || "")
      .replace(/[đĐ]/g, "d")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  function uuid4() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    // Pages served over plain http on an intranet have no randomUUID: build a v4 UUID.
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < 16; i++) {
        bytes[i] = Math.floor(Math.random() * 256);
      }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map
      .call(bytes, function (b) {
        return (b + 0x100).toString(16).slice(1);
      })
      .join("");
    return (
      hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20)
    );
  }

  function csrfToken() {
    try {
      var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      if (headers["X-CSRFToken"]) {
        return headers["X-CSRFToken"];
      }
    } catch (e) {
      /* fall back to the cookie */
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function showBanner(kind, text) {
    if (!banner || !text) {
      return;
    }
    banner.className = "qt-banner is-" + kind;
    banner.textContent = text;
    banner.dataset.kind = kind;
  }

  // --- the queue -----------------------------------------------------------------------

  function loadQueue() {
    try {
      var items = JSON.parse(localStorage.getItem(storeKey) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (e) {
      return [];
    }
  }

  function saveQueue(items) {
    localStorage.setItem(storeKey, JSON.stringify(items));
  }

  function dropFromQueue(clientIds) {
    if (!clientIds.length) {
      return;
    }
    var done = {};
    clientIds.forEach(function (id) {
      done[id] = true;
    });
    saveQueue(
      loadQueue().filter(function (item) {
        return !done[item.client_id];
      })
    );
  }

  function renderWaiting() {
    var count = loadQueue().length;
    waiting.dataset.count = String(count);
    waiting.textContent = cfg.msgWaiting.replace("{n}", String(count));
    waiting.classList.toggle("d-none", count === 0);
  }

  function enqueue(item) {
    item.client_id = uuid4();
    item.site = siteId;
    item.at = new Date().toISOString();
    var items = loadQueue();
    items.push(item);
    saveQueue(items);
    renderWaiting();
    flush();
  }

  var sending = false;
  var failed = false; // the last send failed: resend everything through the batch endpoint

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrfToken(),
      },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          return { status: response.status, data: data };
        });
    });
  }

  function isFinal(status) {
    // Answered for good: recorded, repeated, refused. Anything else (401, 5xx) is retried.
    return status === 200 || status === 201 || status === 400 || status === 403 || status === 404;
  }

  function flush() {
    if (sending) {
      return;
    }
    var items = loadQueue();
    if (!items.length) {
      renderWaiting();
      return;
    }
    sending = true;
    renderWaiting();
    var useBatch = failed || items.length > 1;
    var chunk = items.slice(0, MAX_BATCH);
    var request = useBatch
      ? post(cfg.batchUrl, { items: chunk })
      : post(cfg.singleUrl, chunk[0]);
    request
      .then(function (reply) {
        if (useBatch && reply.status === 200 && Array.isArray(reply.data.results)) {
          var done = [];
          reply.data.results.forEach(function (result) {
            var item = chunk[result.index];
            if (item && isFinal(result.status)) {
              done.push(item.client_id);
              applyResult(result.status, result.checkin, result.errors, result.message, item);
            }
          });
          dropFromQueue(done);
          failed = false;
        } else if (isFinal(reply.status)) {
          var answered = useBatch ? chunk : [chunk[0]];
          if (useBatch) {
            showBanner("error", reply.data.detail);
          } else {
            applyResult(reply.status, reply.status < 300 ? reply.data : null,
              reply.data.errors, reply.data.detail, chunk[0]);
          }
          dropFromQueue(answered.map(function (item) { return item.client_id; }));
          failed = false;
        } else {
          failed = true;
          showBanner("error", reply.data.detail || cfg.msgServerError);
        }
      })
      .catch(function () {
        failed = true;
        showBanner("error", cfg.msgOffline);
      })
      .then(function () {
        sending = false;
        renderWaiting();
        if (!failed && loadQueue().length) {
          flush();
        }
      });
  }

  window.addEventListener("online", flush);
  window.setInterval(function () {
    if (loadQueue().length) {
      flush();
    }
  }, RETRY_MS);

  // --- results on the page --------------------------------------------------------------

  function rowFor(personId) {
    return roll ? roll.querySelector('[data-person="' + personId + '"]') : null;
  }

  function markPresent(checkin) {
    var row = rowFor(checkin.person);
    if (!row) {
      return;
    }
    row.classList.remove("is-pending", "is-error");
    row.classList.add("is-present");
    var tick = row.querySelector(".qt-tick");
    tick.checked = true;
    tick.disabled = true;
    var text = cfg.msgPresent + " " + checkin.at_local;
    if (checkin.site !== siteId) {
      text += " · " + checkin.site_name;
    }
    row.querySelector(".qt-status").textContent = text;
  }

  function markError(personId, message) {
    var row = rowFor(personId);
    if (!row || row.classList.contains("is-present")) {
      return;
    }
    row.classList.remove("is-pending");
    row.classList.add("is-error");
    var tick = row.querySelector(".qt-tick");
    tick.checked = false;
    tick.disabled = false;
    row.querySelector(".qt-status").textContent = message;
  }

  function applyResult(status, checkin, errors, detail, item) {
    if (checkin) {
      showBanner(status === 201 ? "new" : "repeat", checkin.message);
      markPresent(checkin);
      if (status === 201 && checkin.site === siteId && presentCounter) {
        presentCounter.textContent = String(parseInt(presentCounter.textContent, 10) + 1);
      }
      return;
    }
    var message = (errors && errors.length && errors[0].message) || detail || "";
    showBanner("error", message);
    if (item.person) {
      markError(item.person, message);
    }
  }

  // --- roll call ------------------------------------------------------------------------

  if (search && roll) {
    search.addEventListener("input", function () {
      var query = fold(search.value);
      roll.querySelectorAll(".qt-roll-item").forEach(function (row) {
        var match = !query || (row.dataset.search || "").indexOf(query) !== -1;
        row.classList.toggle("d-none", !match);
      });
    });
  }

  if (roll) {
    roll.addEventListener("change", function (event) {
      var tick = event.target;
      if (!tick.classList || !tick.classList.contains("qt-tick") || !tick.checked) {
        return;
      }
      var row = tick.closest(".qt-roll-item");
      tick.disabled = true;
      row.classList.remove("is-error");
      row.classList.add("is-pending");
      row.querySelector(".qt-status").textContent = cfg.msgQueued;
      enqueue({ person: parseInt(row.dataset.person, 10), method: "manual" });
    });
  }

  // --- QR: typed code and camera --------------------------------------------------------

  var lastCode = "";
  var lastCodeAt = 0;

  function onCode(text) {
    text = (text || "").trim();
    if (!text) {
      return;
    }
    var now = Date.now();
    if (text === lastCode && now - lastCodeAt < SAME_CODE_MS) {
      return; // the same card still in front of the camera
    }
    lastCode = text;
    lastCodeAt = now;
    if (/^https?:\/\//i.test(text)) {
      showBanner("error", cfg.msgNotOurs);
      return;
    }
    enqueue({ qr: text, method: "qr" });
  }

  var codeForm = document.getElementById("qt-code-form");
  if (codeForm) {
    codeForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var input = document.getElementById("qt-code-input");
      lastCode = "";
      onCode(input.value);
      input.value = "";
    });
  }

  var video = document.getElementById("qt-video");
  var canvas = document.getElementById("qt-canvas");
  var startButton = document.getElementById("qt-scan-start");
  var stopButton = document.getElementById("qt-scan-stop");
  var scanStatus = document.getElementById("qt-scan-status");
  var stream = null;

  function scanFrame() {
    if (!stream) {
      return;
    }
    if (video.readyState >= 2 && video.videoWidth && typeof window.jsQR === "function") {
      var scale = Math.min(1, 640 / video.videoWidth);
      var width = Math.round(video.videoWidth * scale);
      var height = Math.round(video.videoHeight * scale);
      canvas.width = width;
      canvas.height = height;
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, width, height);
      var image = context.getImageData(0, 0, width, height);
      var code = window.jsQR(image.data, width, height, { inversionAttempts: "dontInvert" });
      if (code && code.data) {
        onCode(code.data);
      }
    }
    window.setTimeout(function () {
      window.requestAnimationFrame(scanFrame);
    }, 150);
  }

  function stopScanner() {
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    }
    stream = null;
    video.classList.add("d-none");
    stopButton.classList.add("d-none");
    startButton.classList.remove("d-none");
    scanStatus.textContent = "";
  }

  if (startButton && navigator.mediaDevices) {
    startButton.addEventListener("click", function () {
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (mediaStream) {
          stream = mediaStream;
          video.srcObject = mediaStream;
          video.classList.remove("d-none");
          startButton.classList.add("d-none");
          stopButton.classList.remove("d-none");
          scanStatus.textContent = cfg.msgScanning;
          return video.play();
        })
        .then(scanFrame)
        .catch(function () {
          stopScanner();
          showBanner("error", cfg.msgCameraError);
        });
    });
    stopButton.addEventListener("click", stopScanner);
  } else if (startButton) {
    startButton.addEventListener("click", function () {
      showBanner("error", cfg.msgCameraError);
    });
  }

  renderWaiting();
  flush();
})();
