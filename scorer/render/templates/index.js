// Sorting and filtering of the ranking table. Rows that could not be scored stay last.
(function () {
  "use strict";
  var table = document.getElementById("ranking");
  if (!table) return;
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var collator = new Intl.Collator("zh-CN", { numeric: true });

  // The cell under column `col`, counting colspans (a failed row's error spans columns).
  function cellAt(row, col) {
    var at = 0;
    for (var i = 0; i < row.cells.length; i++) {
      var span = row.cells[i].colSpan || 1;
      if (col < at + span) return at === col ? row.cells[i] : null;
      at += span;
    }
    return null;
  }

  function value(row, col) {
    var cell = cellAt(row, col);
    return cell ? cell.getAttribute("data-v") || "" : "";
  }

  function sortBy(col, descending) {
    var numeric = heads[col].getAttribute("data-type") === "num";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var fa = a.classList.contains("failed"), fb = b.classList.contains("failed");
      if (fa !== fb) return fa ? 1 : -1;
      var va = value(a, col), vb = value(b, col);
      if (va === "" || vb === "") {  // unknown values last, whatever the direction
        if (va === vb) return 0;
        return va === "" ? 1 : -1;
      }
      var order = numeric ? parseFloat(va) - parseFloat(vb) : collator.compare(va, vb);
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    heads.forEach(function (head) { head.removeAttribute("aria-sort"); });
    heads[col].setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  heads.forEach(function (head, col) {
    var button = head.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var current = head.getAttribute("aria-sort");
      // Scores and statuses read best-first on the first click; text columns A to Z.
      var firstDescending = head.getAttribute("data-type") === "num" && col !== 0;
      var descending = current ? current === "ascending" : firstDescending;
      sortBy(col, descending);
    });
  });

  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");
  function applyFilter() {
    var words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var text = row.textContent.toLowerCase();
      var keep = words.every(function (word) { return text.indexOf(word) >= 0; });
      row.hidden = !keep;
      if (keep) count++;
    });
    shown.textContent = words.length ? "显示 " + count + " / " + body.rows.length + " 份" : "共 " + body.rows.length + " 份";
  }
  if (filter) filter.addEventListener("input", applyFilter);
  // Figures at the top that stand for a group of rows filter the table to that group.
  document.querySelectorAll("[data-filter]").forEach(function (link) {
    link.addEventListener("click", function () {
      filter.value = link.getAttribute("data-filter");
      applyFilter();
    });
  });
})();
