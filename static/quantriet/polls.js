/* Quick polls page: follows the conference's live stream (Server-Sent Events).
 *
 * `poll.results` redraws one poll's bars and per-site rows from the counts in the event;
 * `poll.opened` and `poll.closed` reload the list of polls from the server (HTMX partial), since
 * the answer form appears or goes away. Every text written comes from the event (textContent)
 * or from the page's data-* attributes; nothing is parsed as HTML here.
 */
(function () {
  "use strict";

  var root = document.getElementById("qt-polls");
  if (!root || !window.EventSource) {
    return;
  }
  var cfg = root.dataset;
  var status = document.getElementById("qt-polls-status");

  function setStatus(text) {
    if (status) {
      status.textContent = text || "";
    }
  }

  function cell(text, attr, value) {
    var td = document.createElement("td");
    td.className = "text-end";
    if (attr) {
      td.setAttribute(attr, value);
    }
    td.textContent = text;
    return td;
  }

  function siteRow(site) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-site", site.id === null ? "none" : String(site.id));
    var name = document.createElement("td");
    name.textContent = site.name || cfg.labelNoSite;
    tr.appendChild(name);
    tr.appendChild(cell(String(site.respondents), "data-site-respondents", ""));
    site.options.forEach(function (option) {
      tr.appendChild(
        cell(option.count + " (" + option.percent + "%)", "data-site-option", String(option.id))
      );
    });
    return tr;
  }

  function drawResults(results) {
    var card = root.querySelector('[data-poll="' + results.poll + '"]');
    if (!card) {
      return;
    }
    var respondents = card.querySelector("[data-respondents]");
    if (respondents) {
      respondents.textContent = String(results.respondents);
    }
    results.options.forEach(function (option) {
      var row = card.querySelector('[data-overall] [data-option="' + option.id + '"]');
      if (!row) {
        return;
      }
      row.querySelector("[data-count]").textContent = String(option.count);
      row.querySelector("[data-percent]").textContent = String(option.percent);
      var bar = row.querySelector("progress");
      bar.value = option.percent;
      bar.textContent = option.percent + "%";
    });
    var body = card.querySelector("[data-sites]");
    if (body) {
      var rows = results.sites.map(siteRow);
      if (rows.length) {
        body.replaceChildren.apply(body, rows);
        var details = body.closest("details");
        if (details) {
          details.open = true;
        }
      }
    }
  }

  function reloadList() {
    var list = document.getElementById("qt-polls-list");
    if (window.htmx && list) {
      window.htmx.ajax("GET", cfg.refreshUrl, { target: "#qt-polls-list", swap: "outerHTML" });
    } else {
      window.location.reload();
    }
  }

  var source = new EventSource(cfg.liveUrl, { withCredentials: true });
  source.onopen = function () {
    setStatus(cfg.msgConnected);
  };
  source.onerror = function () {
    setStatus(cfg.msgReconnecting);
  };
  source.addEventListener("poll.results", function (event) {
    try {
      drawResults(JSON.parse(event.data));
    } catch (e) {
      // A malformed event must not stop the stream; the next one redraws everything.
    }
  });
  source.addEventListener("poll.opened", reloadList);
  source.addEventListener("poll.closed", reloadList);
})();
