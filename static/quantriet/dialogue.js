/* Live dialogue pages: asking from a phone, the moderators' queue, the presenter, the big screen.
 *
 * Every page follows GET /conferences/<pk>/live (Server-Sent Events). The browser's EventSource
 * reconnects by itself and sends Last-Event-ID; we also keep the last id, so a stream the browser
 * gave up on is reopened with ?last_event_id= and nothing is missed.
 *
 * The ask page and the big screen render questions from the event data: every text the users
 * typed goes in with textContent, never as HTML. The moderators' and presenter's pages hold
 * forms, so they fetch a server-rendered card (escaped by Django) for a changed question.
 * Labels come from the page's data-label-* / data-msg-* attributes.
 *
 * Every form posts to its page without JavaScript. With it, a form that names an API endpoint
 * (data-api, data-api-method, and data-api-status for a fixed status) is sent there instead as
 * JSON, with the session and the CSRF token: its field names are the API's.
 */
(function () {
  "use strict";

  var root = document.getElementById("qt-dialogue");
  if (!root) {
    return;
  }
  var cfg = root.dataset;
  var page = cfg.page;
  var statusLine = document.getElementById("qt-live-status");
  var VISIBLE = { approved: true, answering: true, answered: true };

  // --- helpers -------------------------------------------------------------------------

  function csrfToken() {
    try {
      var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      if (headers["X-CSRFToken"]) {
        return headers["X-CSRFToken"];
      }
    } catch (e) {
      /* fall back to the form field or the cookie */
    }
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) {
      return field.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function formBody(form) {
    var body = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.name === "csrfmiddlewaretoken") {
        return;
      }
      if (el.type === "checkbox") {
        body[el.name] = el.checked;
      } else if (el.tagName === "SELECT" && el.value === "") {
        return; // nothing chosen: the API's default
      } else if (el.type !== "submit" && el.type !== "button") {
        body[el.name] = el.value;
      }
    });
    if (form.dataset.apiStatus) {
      body.status = form.dataset.apiStatus;
    }
    return body;
  }

  function sendForm(form) {
    return fetch(form.dataset.api, {
      method: form.dataset.apiMethod || "POST",
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json",
        "X-CSRFToken": csrfToken(),
      },
      body: JSON.stringify(formBody(form)),
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

  function setStatus(text) {
    if (statusLine) {
      statusLine.textContent = text || "";
    }
  }

  function label(status) {
    return cfg["label" + status.charAt(0).toUpperCase() + status.slice(1)] || status;
  }

  function field(item, name) {
    return item.querySelector('[data-field="' + name + '"]');
  }

  function setText(item, name, value) {
    var el = field(item, name);
    if (el) {
      el.textContent = value == null ? "" : String(value);
    }
    return el;
  }

  function listFor(status) {
    var lists = root.querySelectorAll("[data-statuses]");
    for (var i = 0; i < lists.length; i++) {
      if ((" " + lists[i].dataset.statuses + " ").indexOf(" " + status + " ") !== -1) {
        return lists[i];
      }
    }
    return null;
  }

  function itemOf(id) {
    return root.querySelector('[data-statuses] > [data-question-id="' + id + '"]');
  }

  function sortList(list) {
    if (!list) {
      return;
    }
    var byTime = list.dataset.order === "time";
    var items = Array.prototype.slice.call(list.children);
    items.sort(function (a, b) {
      var ta = Date.parse(a.dataset.created) || 0;
      var tb = Date.parse(b.dataset.created) || 0;
      if (!byTime) {
        var diff = parseInt(b.dataset.votes, 10) - parseInt(a.dataset.votes, 10);
        if (diff) {
          return diff;
        }
        return ta - tb || a.dataset.questionId - b.dataset.questionId;
      }
      return tb - ta || b.dataset.questionId - a.dataset.questionId;
    });
    items.forEach(function (item) {
      list.appendChild(item); // moves, in order
    });
  }

  function refreshEmpty() {
    var empty = document.getElementById("qt-empty");
    if (empty) {
      var main = root.querySelector("#qt-questions, #qt-pending, #qt-waiting");
      empty.hidden = !!(main && main.children.length);
    }
    var currentEmpty = document.getElementById("qt-current-empty");
    var current = document.getElementById("qt-current");
    if (currentEmpty && current) {
      currentEmpty.hidden = current.children.length > 0;
    }
  }

  function removeItem(id) {
    var item = itemOf(id);
    if (item) {
      item.remove();
    }
  }

  function setVotes(id, votes) {
    var item = itemOf(id);
    if (!item || votes == null) {
      return;
    }
    item.dataset.votes = String(votes);
    setText(item, "votes", votes);
    sortList(item.parentNode);
  }

  // --- ask page and big screen: render from the event data ----------------------------

  var questionTemplate = document.getElementById("qt-question-template");
  var answerTemplate = document.getElementById("qt-answer-template");
  var voteUrl = cfg.voteUrl || "";

  function newItem(id) {
    var item = questionTemplate.content.firstElementChild.cloneNode(true);
    item.dataset.questionId = String(id);
    var form = item.querySelector("form.qt-vote-form");
    if (form) {
      form.action = voteUrl.replace(/\/0\/vote\/$/, "/" + id + "/vote/");
      form.dataset.api = form.dataset.api.replace(/\/0\/vote$/, "/" + id + "/vote");
    }
    return item;
  }

  function fillAnswers(item, answers) {
    var list = field(item, "answers");
    if (!list || !answerTemplate) {
      return;
    }
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    (answers || []).forEach(function (answer) {
      var row = answerTemplate.content.firstElementChild.cloneNode(true);
      setText(row, "answer-by", answer.presenter);
      setText(row, "answer-kind", answer.live ? cfg.labelLiveAnswer : cfg.labelWrittenAnswer);
      setText(row, "answer-text", answer.text);
      list.appendChild(row);
    });
  }

  function render(q) {
    var list = VISIBLE[q.status] ? listFor(q.status) : null;
    var item = itemOf(q.id);
    if (!list) {
      if (item) {
        item.remove();
      }
      return;
    }
    if (!item) {
      item = newItem(q.id);
    }
    item.dataset.status = q.status;
    item.dataset.votes = String(q.votes || 0);
    item.dataset.created = q.created_at || "";
    setText(item, "text", q.text);
    setText(item, "votes", q.votes || 0);
    var badge = setText(item, "status", label(q.status));
    if (badge) {
      badge.className = "badge qt-badge-" + q.status;
    }
    setText(item, "site", q.site || "");
    setText(item, "asker", q.asker || "");
    setText(item, "addressed-name", q.addressed_to || "");
    var addressed = field(item, "addressed");
    if (addressed) {
      addressed.hidden = !q.addressed_to;
    }
    fillAnswers(item, q.answers);
    if (item.parentNode !== list) {
      if (list.dataset.max === "1") {
        // One question is answered at a time: the one there before goes back to the queue.
        Array.prototype.slice.call(list.children).forEach(function (old) {
          var queue = listFor("approved");
          if (queue && old !== item) {
            queue.appendChild(old);
            sortList(queue);
          }
        });
      }
      list.appendChild(item);
    }
    sortList(list);
  }

  // --- moderators' and presenter's pages: fetch the server-rendered card ----------------

  var pendingCards = {};
  var countsTimer = null;

  function isTyping(card) {
    var active = document.activeElement;
    return !!(card && active && card.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
  }

  function fetchCard(id, force) {
    if (pendingCards[id]) {
      return;
    }
    pendingCards[id] = true;
    var url = cfg.cardUrl + "?card=" + encodeURIComponent(id);
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (response.status === 204) {
          return null;
        }
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var old = itemOf(id);
        if (html === null) {
          if (old) {
            old.remove();
          }
          return;
        }
        // Django escaped every user text in this card; DOMParser runs no scripts.
        var doc = new DOMParser().parseFromString(html, "text/html");
        var card = doc.querySelector("[data-question-id]");
        if (!card) {
          return;
        }
        card = document.adoptNode(card);
        var list = listFor(card.dataset.status);
        if (!force && isTyping(old)) {
          return; // someone is typing in it: keep it as it is
        }
        if (old) {
          old.remove();
        }
        if (list) {
          list.appendChild(card);
          sortList(list);
        }
      })
      .catch(function () {
        setStatus(cfg.msgError);
      })
      .then(function () {
        delete pendingCards[id];
        refreshEmpty();
      });
  }

  function refreshCounts() {
    var counts = document.getElementById("qt-counts");
    if (!counts || countsTimer) {
      return;
    }
    countsTimer = window.setTimeout(function () {
      countsTimer = null;
      fetch(cfg.cardUrl + "?part=counts", { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (!html) {
            return;
          }
          var doc = new DOMParser().parseFromString(html, "text/html");
          doc.querySelectorAll("[data-count]").forEach(function (fresh) {
            var el = counts.querySelector('[data-count="' + fresh.dataset.count + '"]');
            if (el) {
              el.textContent = fresh.textContent;
            }
          });
        })
        .catch(function () {
          /* the next event refreshes them */
        });
    }, 200);
  }

  // --- events ----------------------------------------------------------------------------

  var usesCards = page === "moderate" || page === "presenter";

  function onQuestion(q, kind) {
    if (!q || q.id == null) {
      return;
    }
    if (usesCards) {
      fetchCard(q.id);
      if (q.into) {
        fetchCard(q.into.id);
      }
      refreshCounts();
    } else {
      render(q);
      if (q.into) {
        render(q.into);
      }
    }
    if (kind === "question.merged" && q.merged_into != null && !q.into) {
      removeItem(q.id);
    }
    refreshEmpty();
  }

  function onVoted(data) {
    setVotes(data.id, data.votes);
  }

  var lastEventId = "";
  var source = null;
  var retryTimer = null;

  function handler(fn) {
    return function (event) {
      if (event.lastEventId) {
        lastEventId = event.lastEventId;
      }
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      fn(data, event.type);
    };
  }

  function connect() {
    if (!cfg.liveUrl || typeof window.EventSource !== "function") {
      return;
    }
    var url = cfg.liveUrl;
    if (lastEventId) {
      url += (url.indexOf("?") === -1 ? "?" : "&") + "last_event_id=" + encodeURIComponent(lastEventId);
    }
    source = new EventSource(url, { withCredentials: true });
    source.addEventListener("open", function () {
      setStatus(cfg.msgConnected);
      root.dataset.live = "open";
    });
    source.addEventListener("error", function () {
      setStatus(cfg.msgReconnecting);
      root.dataset.live = "reconnecting";
      if (source.readyState === EventSource.CLOSED && !retryTimer) {
        // The browser gave up (a 5xx, a proxy): reopen from the last id we saw.
        retryTimer = window.setTimeout(function () {
          retryTimer = null;
          connect();
        }, 3000);
      }
    });
    source.addEventListener("question.added", handler(onQuestion));
    source.addEventListener("question.updated", handler(onQuestion));
    source.addEventListener("question.merged", handler(onQuestion));
    source.addEventListener("question.voted", handler(onVoted));
  }

  // --- the ask form ----------------------------------------------------------------------

  var askForm = document.getElementById("qt-ask-form");
  if (askForm) {
    var textArea = askForm.querySelector("textarea[name=text]");
    var counter = document.getElementById("qt-counter");
    var errorBox = document.getElementById("qt-ask-error");
    var doneBox = document.getElementById("qt-ask-done");
    var submit = document.getElementById("qt-ask-submit");
    var max = parseInt(textArea.dataset.max, 10) || 0;

    var updateCounter = function () {
      var n = textArea.value.trim().length;
      counter.textContent = n + "/" + max;
      var over = max && n > max;
      counter.classList.toggle("text-danger", !!over);
      counter.classList.toggle("fw-semibold", !!over);
      textArea.classList.toggle("is-invalid", !!over);
      if (over) {
        counter.textContent += " · " + cfg.msgTooLong;
      }
    };
    textArea.addEventListener("input", updateCounter);
    updateCounter();

    var showError = function (text) {
      errorBox.textContent = text || cfg.msgError;
      errorBox.classList.remove("d-none");
      doneBox.classList.add("d-none");
    };

    askForm.addEventListener("submit", function (event) {
      event.preventDefault();
      submit.disabled = true;
      sendForm(askForm)
        .then(function (reply) {
          if (reply.status === 201) {
            var question = reply.data;
            errorBox.classList.add("d-none");
            doneBox.textContent = VISIBLE[question.status] ? cfg.msgSent : cfg.msgPending;
            doneBox.classList.remove("d-none");
            textArea.value = "";
            textArea.classList.remove("is-invalid");
            updateCounter();
            render(question);
            refreshEmpty();
          } else {
            var errors = reply.data.errors || [];
            showError(reply.data.detail || (errors[0] && errors[0].message));
            textArea.classList.add("is-invalid");
          }
        })
        .catch(function () {
          showError(cfg.msgError);
        })
        .then(function () {
          submit.disabled = false;
        });
    });
  }

  // --- votes, sort order, moderation and presenter buttons --------------------------------

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (form === askForm || !form.dataset.api || !form.closest("[data-statuses]")) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) {
      button.disabled = true;
    }
    var item = form.closest("[data-question-id]");
    var isVote = form.classList.contains("qt-vote-form");
    sendForm(form)
      .then(function (reply) {
        if (reply.status >= 400) {
          setStatus(reply.data.detail || cfg.msgError);
          if (button) {
            button.disabled = false;
          }
          return;
        }
        if (isVote) {
          button.classList.add("is-voted");
          button.setAttribute("aria-pressed", "true");
          setVotes(reply.data.id, reply.data.votes);
        } else if (item) {
          fetchCard(item.dataset.questionId, true);
          refreshCounts();
        }
      })
      .catch(function () {
        setStatus(cfg.msgError);
        if (button) {
          button.disabled = false;
        }
      });
  });

  var orderNav = document.getElementById("qt-order");
  if (orderNav) {
    orderNav.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-order]");
      if (!link) {
        return;
      }
      event.preventDefault();
      var list = document.getElementById("qt-questions");
      list.dataset.order = link.dataset.order;
      sortList(list);
      orderNav.querySelectorAll("a[data-order]").forEach(function (a) {
        var on = a === link;
        a.classList.toggle("btn-primary", on);
        a.classList.toggle("btn-outline-primary", !on);
        if (on) {
          a.setAttribute("aria-current", "true");
        } else {
          a.removeAttribute("aria-current");
        }
      });
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", link.getAttribute("href"));
      }
    });
  }

  refreshEmpty();
  connect();
})();
