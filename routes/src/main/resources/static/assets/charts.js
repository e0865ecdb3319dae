// Trend charts for the scorecard: one small line chart per measure, from the canvas's data attributes.
document.querySelectorAll('canvas[data-labels]').forEach(function (canvas) {
  var labels = canvas.dataset.labels ? canvas.dataset.labels.split(',') : [];
  var values = (canvas.dataset.values || '').split(',').map(function (v) { return v === '' ? null : Number(v); });
  if (typeof Chart === 'undefined' || labels.length === 0) { return; }
  new Chart(canvas, {
    type: 'line',
    data: { labels: labels, datasets: [{ data: values, borderColor: '#1d4ed8', backgroundColor: '#1d4ed8',
      spanGaps: false, tension: 0, pointRadius: 3 }] },
    options: { animation: false, responsive: false, plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { maxTicksLimit: 4 } }, x: { ticks: { font: { size: 10 } } } } }
  });
});
