/*
 * The desk's composer (templates/desk/composer.html): Enter sends and Shift+Enter starts a new line, an emoji picker,
 * "/" quick replies, file checks before upload, the template preview, and the countdowns of the 24-hour window and of
 * the keep-open time. Everything is delegated from the document, so it keeps working after htmx swaps the pane.
 * Without JavaScript the forms post as they are and the server's texts stay right.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- countdowns

  // Each countdown counts from the server's clock (data-now), not the browser's, which may be off.
  const offsets = new WeakMap();

  function offsetOf(el) {
    if (!offsets.has(el)) {
      const serverNow = Date.parse(el.dataset.now);
      offsets.set(el, isNaN(serverNow) ? 0 : serverNow - Date.now());
    }
    return offsets.get(el);
  }

  function tick() {
    document.querySelectorAll('[data-deadline]').forEach(function (el) {
      const deadline = Date.parse(el.dataset.deadline);
      if (isNaN(deadline)) {
        return;
      }
      const left = deadline - (Date.now() + offsetOf(el));
      if (left <= 0) {
        expire(el);
        return;
      }
      const target = el.querySelector('.countdown') || el;
      const format = target.dataset.format;
      if (!format) {
        return;
      }
      if (format.indexOf('{h}') >= 0) {
        const hours = Math.floor(left / 3600000);
        const minutes = Math.floor((left % 3600000) / 60000);
        target.textContent = format.replace('{h}', hours).replace('{m}', minutes);
        el.classList.toggle('desk-window-soon', left < 3600000);
      } else {
        target.textContent = format.replace('{m}', Math.ceil(left / 60000));
      }
    });
  }

  function expire(el) {
    el.removeAttribute('data-deadline');
    el.textContent = el.dataset.expiredText || '';
    if (el.classList.contains('desk-window')) {
      el.classList.add('desk-window-closed');
      // The composer must lock and the template picker appear: the server decides, so ask it for the pane.
      if (el.dataset.refresh && window.htmx && document.getElementById('pane')) {
        window.htmx.ajax('GET', el.dataset.refresh, { target: '#pane', swap: 'outerHTML' });
      }
    } else {
      el.classList.remove('alert-info');
      el.classList.add('alert-warn', 'keep-open-elapsed');
    }
  }

  setInterval(tick, 1000);

  // ---------------------------------------------------------------- helpers

  function textArea() {
    const area = document.getElementById('desk-text');
    return area && !area.disabled ? area : null;
  }

  function insertAtCaret(area, text) {
    const start = area.selectionStart;
    const end = area.selectionEnd;
    area.setRangeText(text, start, end, 'end');
    area.dispatchEvent(new Event('input', { bubbles: true }));
    area.focus();
  }

  function fold(value) {
    return (value || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  function showError(form, message) {
    const box = form && form.querySelector('.composer-error');
    if (!box) {
      return;
    }
    box.textContent = message || '';
    box.hidden = !message;
  }

  // ---------------------------------------------------------------- the file

  function checkFile(input) {
    const form = input.form;
    const file = input.files && input.files[0];
    const name = form.querySelector('.attach-name');
    const clear = form.querySelector('.attach-clear');
    showError(form, '');
    if (!file) {
      name.textContent = '';
      clear.hidden = true;
      return true;
    }
    const accepted = (input.getAttribute('accept') || '').split(',');
    // Some systems give no type for Office files: the server checks what it receives.
    if (file.type && accepted.indexOf(file.type) < 0) {
      showError(form, form.dataset.errorType);
      input.value = '';
      name.textContent = '';
      clear.hidden = true;
      return false;
    }
    const max = Number(file.type.indexOf('image/') === 0 ? form.dataset.imageMax : form.dataset.documentMax);
    if (max && file.size > max) {
      showError(form, form.dataset.errorSize);
      input.value = '';
      name.textContent = '';
      clear.hidden = true;
      return false;
    }
    name.textContent = file.name;
    clear.hidden = false;
    return true;
  }

  document.addEventListener('change', function (event) {
    if (event.target.classList.contains('attach-input')) {
      checkFile(event.target);
    }
  });

  // Checked again just before sending; capture runs before htmx sees the submit.
  document.addEventListener('submit', function (event) {
    const form = event.target;
    if (!form.classList || !form.classList.contains('composer')) {
      return;
    }
    const input = form.querySelector('.attach-input');
    if (input && !checkFile(input)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  // ---------------------------------------------------------------- quick replies

  function quickList() {
    return document.getElementById('quick-reply-list');
  }

  function visibleOptions(list) {
    return Array.prototype.filter.call(list.querySelectorAll('.quick-reply'), function (li) {
      return !li.hidden;
    });
  }

  function closeQuickReplies() {
    const list = quickList();
    const area = document.getElementById('desk-text');
    if (list) {
      list.hidden = true;
    }
    if (area) {
      area.removeAttribute('aria-activedescendant');
      area.setAttribute('aria-expanded', 'false');
    }
  }

  function setActive(list, option) {
    list.querySelectorAll('.quick-reply').forEach(function (li) {
      li.setAttribute('aria-selected', li === option ? 'true' : 'false');
    });
    const area = document.getElementById('desk-text');
    if (option) {
      area.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }
  }

  /** "/" at the very start of the message, then what follows up to the caret, with no space. */
  function quickQuery(area) {
    const before = area.value.slice(0, area.selectionStart);
    const match = /^\/(\S*)$/.exec(before);
    return match ? fold(match[1]) : null;
  }

  function updateQuickReplies(area) {
    const list = quickList();
    if (!list) {
      return;
    }
    const query = quickQuery(area);
    if (query === null) {
      closeQuickReplies();
      return;
    }
    let first = null;
    list.querySelectorAll('.quick-reply').forEach(function (li) {
      const match = fold(li.dataset.shortcut).indexOf(query) >= 0 || fold(li.dataset.title).indexOf(query) >= 0;
      li.hidden = !match;
      if (match && !first) {
        first = li;
      }
    });
    if (!first) {
      closeQuickReplies();
      return;
    }
    list.hidden = false;
    area.setAttribute('aria-expanded', 'true');
    setActive(list, first);
  }

  function useQuickReply(option) {
    const area = textArea();
    if (!area || !option) {
      return;
    }
    const caret = area.selectionStart;
    area.setRangeText(option.dataset.body, 0, caret, 'end');
    closeQuickReplies();
    area.focus();
  }

  document.addEventListener('input', function (event) {
    if (event.target.id === 'desk-text') {
      updateQuickReplies(event.target);
      showError(event.target.form, '');
    }
    if (event.target.matches && event.target.matches('.template-picker input[data-placeholder]')) {
      updatePreview(event.target.form);
    }
    if (event.target.classList.contains('emoji-search')) {
      filterEmojis(event.target.closest('.emoji-popover'), event.target.value);
    }
  });

  document.addEventListener('mousedown', function (event) {
    const option = event.target.closest && event.target.closest('.quick-reply');
    if (option) {
      // Before the text area loses the focus and the caret.
      event.preventDefault();
      useQuickReply(option);
    }
  });

  document.addEventListener('focusout', function (event) {
    if (event.target.id === 'desk-text') {
      setTimeout(closeQuickReplies, 150);
    }
  });

  // ---------------------------------------------------------------- keys in the text area

  document.addEventListener('keydown', function (event) {
    const area = event.target;
    if (area.id !== 'desk-text') {
      return;
    }
    const list = quickList();
    if (list && !list.hidden) {
      const options = visibleOptions(list);
      const active = list.querySelector('.quick-reply[aria-selected="true"]');
      const index = options.indexOf(active);
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive(list, options[(index + step + options.length) % options.length]);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        useQuickReply(active || options[0]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        closeQuickReplies();
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !event.ctrlKey && !event.altKey
        && !event.metaKey) {
      event.preventDefault();
      const file = area.form.querySelector('.attach-input');
      if (area.value.trim() || (file && file.files && file.files.length)) {
        area.form.requestSubmit();
      }
    }
  });

  // ---------------------------------------------------------------- emojis

  // [emoji, category, English names, French names]: the picker's catalogue, served with the app.
  const EMOJIS = [
    ['😀', 'smileys', 'grinning smile happy', 'sourire heureux'],
    ['😃', 'smileys', 'smile big eyes happy', 'sourire grands yeux content'],
    ['😄', 'smileys', 'smile laugh', 'sourire rire'],
    ['😁', 'smileys', 'beaming grin', 'rayonnant grand sourire'],
    ['😆', 'smileys', 'laughing', 'rire aux éclats'],
    ['😅', 'smileys', 'sweat smile relief', 'sourire soulagement sueur'],
    ['😂', 'smileys', 'tears of joy laugh', 'larmes de joie rire'],
    ['🙂', 'smileys', 'slight smile', 'léger sourire'],
    ['😉', 'smileys', 'wink', 'clin d oeil'],
    ['😊', 'smileys', 'blush smiling eyes', 'sourire yeux rieurs rougir'],
    ['😇', 'smileys', 'halo innocent angel', 'auréole innocent ange'],
    ['🥰', 'smileys', 'hearts love smile', 'amoureux coeurs'],
    ['😍', 'smileys', 'heart eyes love', 'yeux en coeur amour'],
    ['😘', 'smileys', 'kiss', 'bisou baiser'],
    ['😋', 'smileys', 'yummy delicious', 'miam délicieux'],
    ['😎', 'smileys', 'cool sunglasses', 'cool lunettes de soleil'],
    ['🤩', 'smileys', 'star struck wow', 'ébloui étoiles waouh'],
    ['🥳', 'smileys', 'party celebrate', 'fête célébrer'],
    ['🤗', 'smileys', 'hug', 'câlin'],
    ['🤔', 'smileys', 'thinking', 'réfléchir pensif'],
    ['🤨', 'smileys', 'raised eyebrow doubt', 'sourcil levé doute'],
    ['😐', 'smileys', 'neutral', 'neutre'],
    ['🙄', 'smileys', 'rolling eyes', 'lever les yeux au ciel'],
    ['😏', 'smileys', 'smirk', 'sourire en coin'],
    ['😌', 'smileys', 'relieved', 'soulagé'],
    ['😴', 'smileys', 'sleeping', 'dormir'],
    ['😷', 'smileys', 'mask sick', 'masque malade'],
    ['🤒', 'smileys', 'thermometer ill', 'thermomètre malade'],
    ['😕', 'smileys', 'confused', 'confus'],
    ['😟', 'smileys', 'worried', 'inquiet'],
    ['🙁', 'smileys', 'frown sad', 'triste'],
    ['😮', 'smileys', 'open mouth surprised', 'bouche ouverte surpris'],
    ['😲', 'smileys', 'astonished', 'stupéfait étonné'],
    ['😳', 'smileys', 'flushed embarrassed', 'gêné rougissant'],
    ['🥺', 'smileys', 'pleading', 'suppliant'],
    ['😢', 'smileys', 'crying tear', 'pleure larme'],
    ['😭', 'smileys', 'sobbing loud cry', 'sanglots pleurer'],
    ['😤', 'smileys', 'huff frustrated', 'frustré'],
    ['😠', 'smileys', 'angry', 'fâché en colère'],
    ['😱', 'smileys', 'scream fear', 'cri peur'],
    ['🤐', 'smileys', 'zipper mouth secret', 'bouche cousue secret'],
    ['👋', 'gestures', 'wave hello goodbye', 'coucou bonjour au revoir'],
    ['👍', 'gestures', 'thumbs up ok yes', 'pouce levé ok oui'],
    ['👎', 'gestures', 'thumbs down no', 'pouce baissé non'],
    ['👌', 'gestures', 'ok hand perfect', 'ok parfait'],
    ['✌️', 'gestures', 'victory peace', 'victoire paix'],
    ['🤞', 'gestures', 'fingers crossed luck', 'doigts croisés chance'],
    ['👏', 'gestures', 'clap applause bravo', 'applaudir bravo'],
    ['🙌', 'gestures', 'raising hands hooray', 'mains levées hourra'],
    ['🙏', 'gestures', 'thank you please pray', 'merci s il vous plaît prier'],
    ['🤝', 'gestures', 'handshake deal', 'poignée de main accord'],
    ['💪', 'gestures', 'muscle strong', 'muscle fort courage'],
    ['👉', 'gestures', 'point right', 'montrer droite'],
    ['👀', 'gestures', 'eyes look', 'yeux regarder'],
    ['🤷', 'gestures', 'shrug', 'haussement d épaules'],
    ['🙋', 'gestures', 'raising hand', 'main levée'],
    ['❤️', 'hearts', 'red heart love', 'coeur rouge amour'],
    ['🧡', 'hearts', 'orange heart', 'coeur orange'],
    ['💛', 'hearts', 'yellow heart', 'coeur jaune'],
    ['💚', 'hearts', 'green heart', 'coeur vert'],
    ['💙', 'hearts', 'blue heart', 'coeur bleu'],
    ['💜', 'hearts', 'purple heart', 'coeur violet'],
    ['💯', 'hearts', 'hundred points perfect', 'cent points parfait'],
    ['✨', 'hearts', 'sparkles', 'étincelles'],
    ['🎉', 'hearts', 'party popper congratulations', 'cotillons félicitations'],
    ['🎊', 'hearts', 'confetti', 'confettis'],
    ['🎁', 'hearts', 'gift present', 'cadeau'],
    ['🎂', 'hearts', 'birthday cake', 'gâteau anniversaire'],
    ['🏆', 'hearts', 'trophy winner', 'trophée gagnant'],
    ['⭐', 'hearts', 'star', 'étoile'],
    ['🔥', 'hearts', 'fire hot', 'feu chaud'],
    ['📦', 'objects', 'package parcel box delivery', 'colis paquet boîte livraison'],
    ['🛒', 'objects', 'shopping cart', 'panier caddie achats'],
    ['🛍️', 'objects', 'shopping bags', 'sacs shopping'],
    ['💳', 'objects', 'credit card payment', 'carte bancaire paiement'],
    ['💶', 'objects', 'euro money', 'euro argent'],
    ['🧾', 'objects', 'receipt invoice', 'reçu facture'],
    ['📄', 'objects', 'document page', 'document page'],
    ['📎', 'objects', 'paperclip attachment', 'trombone pièce jointe'],
    ['📅', 'objects', 'calendar date', 'calendrier date'],
    ['⏰', 'objects', 'alarm clock time', 'réveil heure'],
    ['⏳', 'objects', 'hourglass wait', 'sablier attendre'],
    ['📞', 'objects', 'phone call', 'téléphone appel'],
    ['📱', 'objects', 'mobile phone', 'téléphone portable'],
    ['💻', 'objects', 'laptop computer', 'ordinateur portable'],
    ['📧', 'objects', 'email mail', 'e-mail courriel'],
    ['🔑', 'objects', 'key', 'clé'],
    ['🔒', 'objects', 'lock secure', 'cadenas sécurisé'],
    ['🔧', 'objects', 'wrench repair', 'clé à molette réparation'],
    ['💡', 'objects', 'light bulb idea', 'ampoule idée'],
    ['📍', 'objects', 'pin location', 'épingle lieu'],
    ['🚚', 'travel', 'delivery truck', 'camion livraison'],
    ['🚗', 'travel', 'car', 'voiture'],
    ['🚲', 'travel', 'bicycle bike', 'vélo'],
    ['✈️', 'travel', 'airplane flight', 'avion vol'],
    ['🚆', 'travel', 'train', 'train'],
    ['🏠', 'travel', 'house home', 'maison domicile'],
    ['🏢', 'travel', 'office building', 'bureau immeuble'],
    ['🏪', 'travel', 'shop store', 'magasin boutique'],
    ['🌍', 'travel', 'globe world', 'globe monde'],
    ['☀️', 'nature', 'sun sunny', 'soleil ensoleillé'],
    ['🌧️', 'nature', 'rain', 'pluie'],
    ['❄️', 'nature', 'snow cold', 'neige froid'],
    ['🌈', 'nature', 'rainbow', 'arc en ciel'],
    ['🌸', 'nature', 'blossom flower', 'fleur de cerisier'],
    ['🌹', 'nature', 'rose flower', 'rose fleur'],
    ['🌻', 'nature', 'sunflower', 'tournesol'],
    ['🍀', 'nature', 'four leaf clover luck', 'trèfle à quatre feuilles chance'],
    ['🐶', 'nature', 'dog', 'chien'],
    ['🐱', 'nature', 'cat', 'chat'],
    ['☕', 'nature', 'coffee', 'café'],
    ['🍕', 'nature', 'pizza', 'pizza'],
    ['🍰', 'nature', 'cake', 'gâteau'],
    ['🍾', 'nature', 'champagne bottle', 'champagne bouteille'],
    ['✅', 'symbols', 'check done yes', 'coche fait oui validé'],
    ['☑️', 'symbols', 'check box', 'case cochée'],
    ['❌', 'symbols', 'cross no wrong', 'croix non erreur'],
    ['⚠️', 'symbols', 'warning', 'attention avertissement'],
    ['❓', 'symbols', 'question mark', 'point d interrogation question'],
    ['❗', 'symbols', 'exclamation mark', 'point d exclamation'],
    ['ℹ️', 'symbols', 'information', 'information'],
    ['🔄', 'symbols', 'refresh exchange', 'actualiser échange'],
    ['➡️', 'symbols', 'arrow right', 'flèche droite'],
    ['⬅️', 'symbols', 'arrow left', 'flèche gauche'],
    ['🆗', 'symbols', 'ok button', 'bouton ok'],
    ['🆕', 'symbols', 'new', 'nouveau'],
    ['🔔', 'symbols', 'bell notification', 'cloche notification'],
    ['💬', 'symbols', 'speech bubble message', 'bulle message'],
    ['🕐', 'symbols', 'one o clock time', 'une heure horloge']
  ];
  const CATEGORIES = ['smileys', 'gestures', 'hearts', 'objects', 'travel', 'nature', 'symbols'];

  function buildGrid(popover) {
    const grid = popover.querySelector('.emoji-grid');
    if (grid.childElementCount) {
      return;
    }
    const french = (document.documentElement.lang || '').indexOf('fr') === 0;
    CATEGORIES.forEach(function (category) {
      const group = document.createElement('div');
      group.className = 'emoji-group';
      group.setAttribute('role', 'group');
      const label = popover.getAttribute('data-cat-' + category) || category;
      group.setAttribute('aria-label', label);
      const heading = document.createElement('p');
      heading.className = 'emoji-group-title';
      heading.textContent = label;
      group.appendChild(heading);
      const buttons = document.createElement('div');
      buttons.className = 'emoji-buttons';
      EMOJIS.filter(function (e) { return e[1] === category; }).forEach(function (e) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'emoji';
        button.textContent = e[0];
        button.dataset.emoji = e[0];
        button.dataset.names = fold(e[2] + ' ' + e[3]);
        const name = (french ? e[3] : e[2]).split(' ').slice(0, 3).join(' ');
        button.setAttribute('aria-label', name);
        button.title = name;
        buttons.appendChild(button);
      });
      group.appendChild(buttons);
      grid.appendChild(group);
    });
    const none = document.createElement('p');
    none.className = 'emoji-none muted';
    none.hidden = true;
    none.textContent = popover.dataset.none || '';
    grid.appendChild(none);
  }

  function filterEmojis(popover, query) {
    const words = fold(query).split(/\s+/).filter(Boolean);
    let any = false;
    popover.querySelectorAll('.emoji-group').forEach(function (group) {
      let shown = 0;
      group.querySelectorAll('.emoji').forEach(function (button) {
        const match = words.every(function (w) { return button.dataset.names.indexOf(w) >= 0; });
        button.hidden = !match;
        shown += match ? 1 : 0;
      });
      group.hidden = shown === 0;
      any = any || shown > 0;
    });
    popover.querySelector('.emoji-none').hidden = any;
  }

  function openEmojis(toggle) {
    const popover = document.getElementById(toggle.getAttribute('aria-controls'));
    buildGrid(popover);
    popover.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    popover.querySelector('.emoji-search').focus();
  }

  function closeEmojis(returnFocus) {
    document.querySelectorAll('.emoji-toggle[aria-expanded="true"]').forEach(function (toggle) {
      toggle.setAttribute('aria-expanded', 'false');
      const popover = document.getElementById(toggle.getAttribute('aria-controls'));
      if (popover) {
        popover.hidden = true;
      }
      if (returnFocus) {
        toggle.focus();
      }
    });
  }

  function visibleEmojis(popover) {
    return Array.prototype.filter.call(popover.querySelectorAll('.emoji'), function (b) {
      return b.offsetParent !== null;
    });
  }

  /** The nearest emoji in the direction of an arrow key, as the eye sees the grid. */
  function nextEmoji(popover, current, key) {
    const all = visibleEmojis(popover);
    const index = all.indexOf(current);
    if (key === 'ArrowRight') {
      return all[Math.min(index + 1, all.length - 1)];
    }
    if (key === 'ArrowLeft') {
      return index > 0 ? all[index - 1] : popover.querySelector('.emoji-search');
    }
    const here = current.getBoundingClientRect();
    const down = key === 'ArrowDown';
    let best = null;
    let bestScore = Infinity;
    all.forEach(function (b) {
      const r = b.getBoundingClientRect();
      const dy = down ? r.top - here.top : here.top - r.top;
      if (dy <= 2) {
        return;
      }
      const score = dy * 1000 + Math.abs(r.left - here.left);
      if (score < bestScore) {
        bestScore = score;
        best = b;
      }
    });
    return best || (down ? null : popover.querySelector('.emoji-search'));
  }

  document.addEventListener('click', function (event) {
    const toggle = event.target.closest && event.target.closest('.emoji-toggle');
    if (toggle) {
      if (toggle.getAttribute('aria-expanded') === 'true') {
        closeEmojis(true);
      } else {
        openEmojis(toggle);
      }
      return;
    }
    const emoji = event.target.closest && event.target.closest('button.emoji');
    if (emoji) {
      const area = textArea();
      closeEmojis(false);
      if (area) {
        insertAtCaret(area, emoji.dataset.emoji);
      }
      return;
    }
    if (!(event.target.closest && event.target.closest('.emoji-popover'))) {
      closeEmojis(false);
    }
    const suggestion = event.target.closest && event.target.closest('.insert-suggestion');
    if (suggestion) {
      const area = textArea();
      if (area) {
        area.value = area.value.trim() ? area.value.replace(/\s*$/, '\n') + suggestion.dataset.text
          : suggestion.dataset.text;
        area.focus();
        area.setSelectionRange(area.value.length, area.value.length);
      }
    }
    const clear = event.target.closest && event.target.closest('.attach-clear');
    if (clear) {
      const input = clear.form.querySelector('.attach-input');
      input.value = '';
      checkFile(input);
    }
  });

  document.addEventListener('keydown', function (event) {
    const popover = event.target.closest && event.target.closest('.emoji-popover');
    if (!popover) {
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      closeEmojis(true);
      return;
    }
    const arrows = ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'];
    if (arrows.indexOf(event.key) < 0) {
      if (event.key === 'Enter' && event.target.classList.contains('emoji-search')) {
        event.preventDefault();
        const first = visibleEmojis(popover)[0];
        if (first) {
          first.click();
        }
      }
      return;
    }
    if (event.target.classList.contains('emoji-search')) {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        const first = visibleEmojis(popover)[0];
        if (first) {
          first.focus();
        }
      }
      return;
    }
    event.preventDefault();
    const next = nextEmoji(popover, event.target, event.key);
    if (next) {
      next.focus();
    }
  });

  // ---------------------------------------------------------------- template preview

  function updatePreview(form) {
    const preview = form.querySelector('.template-preview-text');
    if (!preview) {
      return;
    }
    const values = {};
    form.querySelectorAll('input[data-placeholder]').forEach(function (input) {
      values[input.dataset.placeholder] = input.value.trim();
    });
    preview.textContent = preview.dataset.body.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, function (all, name) {
      return values[name] ? values[name] : '[' + name + ']';
    });
  }

  // ---------------------------------------------------------------- after each swap

  let composerHadFocus = false;

  function enhance() {
    document.querySelectorAll('.composer-keys[hidden], .insert-suggestion[hidden]').forEach(function (el) {
      el.hidden = false;
    });
    const area = textArea();
    if (area) {
      if (quickList()) {
        area.setAttribute('aria-controls', 'quick-reply-list');
        area.setAttribute('aria-autocomplete', 'list');
        area.setAttribute('aria-expanded', 'false');
      }
      if (composerHadFocus) {
        area.focus();
        area.setSelectionRange(area.value.length, area.value.length);
      }
    }
    composerHadFocus = false;
    tick();
  }

  document.addEventListener('htmx:beforeSwap', function (event) {
    composerHadFocus = document.activeElement && document.activeElement.id === 'desk-text'
      && event.detail.target && event.detail.target.id === 'pane';
  });
  document.addEventListener('htmx:afterSettle', enhance);

  // An error the server could not answer as a refusal (e.g. a file larger than it reads): nothing was swapped, so
  // the text is still there; say so.
  function failed(event) {
    const form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest('form.composer');
    if (form) {
      showError(form, form.dataset.errorUpload);
    }
  }
  document.addEventListener('htmx:responseError', failed);
  document.addEventListener('htmx:sendError', failed);

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', enhance);
  } else {
    enhance();
  }
}());
