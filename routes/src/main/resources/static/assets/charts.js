// Trend charts for the scorecard: one small line chart per measure, from the canvas's data attributes.
// Periods before the measure had data (data-gaps) are drawn as gaps, never as zeros.
document.querySelectorAll('canvas[data-labels]').forEach(function (canvas) {
  var labels = canvas.dataset.labels ? canvas.dataset.labels.split(',') : [];
  var gaps = canvas.dataset.gaps ? canvas.dataset.gaps.split(',') : [];
  var values = (canvas.dataset.values || '').split(',').map(function (v, i) {
    return v === '' || gaps.indexOf(labels[i]) >= 0 ? null : Number(v);
  });
  if (typeof Chart === 'undefined' || labels.length === 0) { return; }
  new Chart(canvas, {
    type: 'line',
    data: { labels: labels, datasets: [{ data: values, borderColor: '#1d70b8', backgroundColor: '#1d70b8',
      spanGaps: false, tension: 0, pointRadius: 3 }] },
    options: { animation: false, responsive: true, maintainAspectRatio: true, aspectRatio: 3, plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { maxTicksLimit: 4 } }, x: { ticks: { font: { size: 10 } } } } }
  });
});
