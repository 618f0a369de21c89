// Draws the indicator charts from the data the server put on each canvas (data-chart), with Chart.js served by the
// application. No inline script: the Content-Security-Policy forbids it.
(function () {
  'use strict';

  var COLORS = { brand: '#0b7a5c', inbound: '#0b7fc7', outbound: '#25a36f', line: '#c26a00' };

  function draw(canvas) {
    if (typeof Chart === 'undefined' || canvas.dataset.drawn) {
      return;
    }
    var data = JSON.parse(canvas.dataset.chart);
    var kind = canvas.dataset.kind;
    var datasets;
    var type = 'bar';
    if (kind === 'conversations') {
      datasets = [{ label: data.names.conversations, data: data.conversations, backgroundColor: COLORS.brand }];
    } else if (kind === 'messages') {
      datasets = [
        { label: data.names.messagesIn, data: data.messagesIn, backgroundColor: COLORS.inbound },
        { label: data.names.messagesOut, data: data.messagesOut, backgroundColor: COLORS.outbound }
      ];
    } else {
      type = 'line';
      datasets = [{
        label: data.names.firstResponseMinutes, data: data.firstResponseMinutes, borderColor: COLORS.line,
        backgroundColor: COLORS.line, spanGaps: true, tension: 0.2
      }];
    }
    canvas.dataset.drawn = 'true';
    new Chart(canvas, {
      type: type,
      data: { labels: data.labels.map(function (day) { return day.slice(5); }), datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: datasets.length > 1, position: 'bottom' } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { maxRotation: 0, autoSkip: true } } }
      }
    });
  }

  function drawAll() {
    document.querySelectorAll('canvas[data-chart]').forEach(draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
})();
