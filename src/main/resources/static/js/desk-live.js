/*
 * The live desk: listens to the server's event stream (GET /desk/events) and, when something changed, asks the server
 * for the parts of the page it concerns with htmx: the list (#conversations), the open conversation's thread (#thread,
 * never the composer, which is outside it) and the status button (#desk-status). Events carry ids only; what is shown
 * always comes from the server's rendering, so an event received twice shows nothing twice.
 *
 * EventSource reconnects by itself and sends the last event id it saw, for which the server replays what was missed.
 * While the stream is down a small "reconnecting" note shows and the page refreshes itself every minute.
 */
(function () {
  'use strict';

  var tools = document.getElementById('live-tools');
  if (!tools || !window.htmx || !window.EventSource) {
    return;
  }

  var SAFETY_REFRESH_MS = 60000;
  var SHOW_DOWN_AFTER_MS = 2500;
  var SOUND_KEY = 'wadesk.desk.sound';
  var UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

  var eventsUrl = tools.getAttribute('data-events-url');
  var statusUrl = tools.getAttribute('data-status-url');
  var stateNote = document.getElementById('live-state');
  var soundButton = document.getElementById('live-sound');
  var baseTitle = document.title.replace(/^\(\d+\)\s*/, '');

  var source = null;
  var failures = 0;
  var down = false;
  var downNoteTimer = null;
  var safetyTimer = null;
  var reopenTimer = null;
  var refreshAllOnOpen = false;

  // ---- What is on the page -------------------------------------------------------------------------------------

  /** The id of the conversation whose thread is shown, or null. */
  function openConversation() {
    var thread = document.getElementById('thread');
    if (!thread) {
      return null;
    }
    var match = (thread.getAttribute('hx-get') || '').match(UUID) || location.pathname.match(UUID);
    return match ? match[1].toLowerCase() : null;
  }

  function updateTitle() {
    var list = document.getElementById('conversations');
    var unread = list ? parseInt(list.getAttribute('data-unread') || '0', 10) : 0;
    document.title = unread > 0 ? '(' + unread + ') ' + baseTitle : baseTitle;
  }

  // ---- Refreshing, coalesced: a burst of events costs one request per part ---------------------------------------

  var wanted = {};
  var flushTimer = null;
  var threadWhenVisible = false;

  function want(part) {
    wanted[part] = true;
    if (!flushTimer) {
      flushTimer = setTimeout(flush, 150);
    }
  }

  function flush() {
    flushTimer = null;
    var parts = wanted;
    wanted = {};
    var chain = Promise.resolve();
    if (parts.pane) {
      // The conversation itself changed (came back from a pause, closed, transferred): its header, composer and
      // actions change with it, so the whole pane is fetched again; the thread comes with it.
      parts.thread = false;
      chain = chain.then(refreshPane);
    }
    if (parts.thread) {
      // Refreshing the thread marks its messages read: wait until the agent can see it.
      if (document.hidden) {
        threadWhenVisible = true;
      } else {
        chain = chain.then(refreshThread);
      }
    }
    // After the thread, so that the list counts what was just shown as read.
    if (parts.list) {
      chain = chain.then(refreshList);
    }
    if (parts.status) {
      chain = chain.then(refreshStatus);
    }
    chain.catch(function () {});
  }

  function refreshList() {
    var list = document.getElementById('conversations');
    if (list) {
      return htmx.ajax('GET', list.getAttribute('data-refresh-url'), {target: '#conversations', swap: 'outerHTML'});
    }
  }

  function refreshThread() {
    var id = openConversation();
    var thread = document.getElementById('thread');
    if (id && thread) {
      var url = thread.getAttribute('hx-get') || location.pathname;
      return htmx.ajax('GET', url, {target: '#thread', swap: 'outerHTML'});
    }
  }

  function refreshPane() {
    var id = openConversation();
    var pane = document.getElementById('pane');
    if (!id || !pane) {
      return;
    }
    var text = document.getElementById('desk-text');
    var draft = text ? text.value : '';
    var url = (document.getElementById('thread').getAttribute('hx-get')) || location.pathname;
    return htmx.ajax('GET', url, {target: '#pane', swap: 'outerHTML'}).then(function () {
      // What the agent was typing survives the refresh when the composer is still there to take it.
      var again = document.getElementById('desk-text');
      if (draft && again && !again.disabled && !again.value) {
        again.value = draft;
      }
    });
  }

  function refreshStatus() {
    if (document.getElementById('desk-status')) {
      return htmx.ajax('GET', statusUrl, {target: '#desk-status', swap: 'outerHTML'});
    }
  }

  function refreshAll() {
    want('thread');
    want('list');
    want('status');
  }

  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && threadWhenVisible) {
      threadWhenVisible = false;
      want('thread');
      want('list');
    }
  });

  // ---- Keeping the thread's scroll: at the bottom if it was there, else where the agent was reading ------------

  var savedScroll = null;

  function reversed(element) {
    return getComputedStyle(element).flexDirection === 'column-reverse';
  }

  document.body.addEventListener('htmx:beforeSwap', function (event) {
    var xhr = event.detail.xhr;
    // The session ended: the answer is the sign-in page, which must not land inside the desk.
    if (xhr && xhr.responseURL && /\/login(\?|$)/.test(xhr.responseURL)) {
      event.detail.shouldSwap = false;
      location.reload();
      return;
    }
    var target = event.detail.target;
    if (target && target.id === 'thread') {
      var max = target.scrollHeight - target.clientHeight;
      var fromTop = reversed(target) ? max + target.scrollTop : target.scrollTop;
      savedScroll = {atBottom: max - fromTop < 8, fromTop: fromTop};
    }
  });

  document.body.addEventListener('htmx:afterSettle', function () {
    var thread = document.getElementById('thread');
    if (thread && savedScroll) {
      var max = thread.scrollHeight - thread.clientHeight;
      var fromTop = savedScroll.atBottom ? max : Math.min(savedScroll.fromTop, max);
      thread.scrollTop = reversed(thread) ? fromTop - max : fromTop;
      savedScroll = null;
    }
    updateTitle();
  });

  // ---- Sound when a conversation is assigned to me (off unless the agent turns it on) --------------------------

  var audio = null;

  function soundOn() {
    try {
      return localStorage.getItem(SOUND_KEY) === 'on';
    } catch (e) {
      return false;
    }
  }

  function showSound() {
    var on = soundOn();
    soundButton.setAttribute('aria-pressed', on ? 'true' : 'false');
    soundButton.textContent = soundButton.getAttribute(on ? 'data-label-on' : 'data-label-off');
  }

  function audioContext() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) {
      audio = new Context();
    }
    if (audio && audio.state === 'suspended') {
      audio.resume();
    }
    return audio;
  }

  /** Two short notes, made on the spot: no sound file to fetch. */
  function ring() {
    if (!soundOn()) {
      return;
    }
    var context = audioContext();
    if (!context) {
      return;
    }
    [[660, 0], [880, 0.18]].forEach(function (note) {
      var start = context.currentTime + note[1];
      var oscillator = context.createOscillator();
      var gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = note[0];
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
      oscillator.connect(gain);
      gain.connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.32);
    });
  }

  if (soundButton) {
    soundButton.hidden = false;
    showSound();
    soundButton.addEventListener('click', function () {
      try {
        localStorage.setItem(SOUND_KEY, soundOn() ? 'off' : 'on');
      } catch (e) {
        return;
      }
      showSound();
      ring();
    });
    // Browsers start sound only after a gesture: any click on the page unlocks it for later rings.
    document.addEventListener('click', function () {
      if (soundOn()) {
        audioContext();
      }
    }, {once: true});
  }

  // ---- The stream -----------------------------------------------------------------------------------------------

  function handle(event) {
    var open = openConversation();
    var here = event.conversation && event.conversation === open;
    switch (event.kind) {
      case 'message':
      case 'conversation':
        want('list');
        if (here) {
          want(event.kind === 'conversation' ? 'pane' : 'thread');
        }
        if (event.assigned) {
          ring();
        }
        break;
      case 'tick':
        if (here) {
          want('thread');
        }
        break;
      case 'status':
        want('status');
        break;
      case 'queue':
        want('list');
        break;
      default:
        refreshAll();
    }
  }

  function setDown(isDown) {
    if (isDown === down) {
      return;
    }
    down = isDown;
    clearTimeout(downNoteTimer);
    clearInterval(safetyTimer);
    if (down) {
      // A stream ending normally reconnects within a few seconds: no note for that.
      downNoteTimer = setTimeout(function () {
        stateNote.hidden = false;
      }, SHOW_DOWN_AFTER_MS);
      safetyTimer = setInterval(refreshAll, SAFETY_REFRESH_MS);
    } else {
      stateNote.hidden = true;
    }
  }

  function connect() {
    source = new EventSource(eventsUrl);
    source.onopen = function () {
      failures = 0;
      setDown(false);
      if (refreshAllOnOpen) {
        refreshAllOnOpen = false;
        refreshAll();
      }
    };
    source.onmessage = function (message) {
      try {
        handle(JSON.parse(message.data));
      } catch (e) {
        refreshAll();
      }
    };
    source.onerror = function () {
      setDown(true);
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (an error page, the server gone): open a new stream later. A new stream has no last
        // event id, so everything is refreshed once it opens.
        source.close();
        failures++;
        refreshAllOnOpen = true;
        clearTimeout(reopenTimer);
        reopenTimer = setTimeout(connect, Math.min(60000, 2000 * Math.pow(2, failures - 1)));
      }
    };
  }

  window.addEventListener('pagehide', function () {
    if (source) {
      source.close();
    }
  });
  // Back from the browser's page cache: the stream was closed meanwhile.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      refreshAllOnOpen = true;
      connect();
    }
  });

  // ---- The sign-out reminder as a dialog (without JavaScript the header's sign-out shows it as a page) -----------

  var signOutDialog = document.getElementById('live-signout');
  var headerSignOut = document.querySelector('form.logout');
  if (signOutDialog && headerSignOut && typeof signOutDialog.showModal === 'function') {
    headerSignOut.addEventListener('submit', function (event) {
      if (document.querySelector('#desk-status .status-unavailable')) {
        return;
      }
      event.preventDefault();
      signOutDialog.showModal();
    });
  }

  updateTitle();
  connect();
})();
