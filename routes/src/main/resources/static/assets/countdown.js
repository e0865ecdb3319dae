// Live countdowns to each contact's due time. The server's "now" anchors the count so that a
// simulated hub clock (the demo) and the browser's clock agree; it then ticks every second.
(function () {
  var cells = document.querySelectorAll('.countdown[data-due]');
  if (cells.length === 0) { return; }
  var serverNow = Date.parse(cells[0].dataset.now);
  var offset = isNaN(serverNow) ? 0 : serverNow - Date.now();
  function text(ms) {
    var late = ms < 0, s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    var parts = (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + m + 'm ' + (d ? '' : sec + 's');
    return late ? 'overdue by ' + parts.trim() : parts.trim() + ' left';
  }
  function tick() {
    var now = Date.now() + offset;
    cells.forEach(function (cell) {
      var ms = Date.parse(cell.dataset.due) - now;
      cell.textContent = text(ms);
      cell.classList.toggle('late', ms < 0);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
