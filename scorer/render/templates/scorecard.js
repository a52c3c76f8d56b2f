// Links each element to its evidence in the report text and back.
(function () {
  "use strict";
  var smooth = !(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);

  function marksOf(id) {
    return Array.prototype.filter.call(document.querySelectorAll("#report-text .hl"), function (mark) {
      return (mark.getAttribute("data-ev") || "").split(" ").indexOf(id) >= 0;
    });
  }

  function clearActive() {
    document.querySelectorAll(".hl.active, .chip.active").forEach(function (node) { node.classList.remove("active"); });
    document.querySelectorAll(".el.selected").forEach(function (node) { node.classList.remove("selected"); });
  }

  // Light every quote in `ids` and bring the first into view.
  function showEvidence(ids, card) {
    clearActive();
    if (card) card.classList.add("selected");
    var first = null;
    ids.forEach(function (id) {
      var chip = document.getElementById(id);
      if (chip) { chip.classList.add("active"); if (!first) first = chip; }
      marksOf(id).forEach(function (mark) { mark.classList.add("active"); });
    });
    var target = first && (first.nextElementSibling && first.nextElementSibling.classList.contains("hl") ? first.nextElementSibling : first);
    if (target) target.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    return target;
  }

  function evidenceOf(card) {
    return (card.getAttribute("data-evidence") || "").split(" ").filter(Boolean);
  }

  document.querySelectorAll(".el").forEach(function (card) {
    function choose(event) {
      if (event.target.closest("a")) return;  // links do their own thing
      var ids = evidenceOf(card);
      if (ids.length) showEvidence(ids, card);
      else { clearActive(); card.classList.add("selected"); }
    }
    card.addEventListener("click", choose);
    card.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); choose(event); }
    });
  });

  document.querySelectorAll("a.ev-link").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      showEvidence([link.getAttribute("data-ev")], link.closest(".el"));
      history.replaceState(null, "", link.getAttribute("href"));
    });
  });

  // From the to-do list or a chip in the text: go to the element and light its evidence
  // without moving the text away from where the reader is.
  function selectCard(id) {
    var card = document.getElementById("el-" + id);
    if (!card) return;
    clearActive();
    card.classList.add("selected");
    evidenceOf(card).forEach(function (ev) {
      marksOf(ev).forEach(function (mark) { mark.classList.add("active"); });
      var chip = document.getElementById(ev);
      if (chip) chip.classList.add("active");
    });
    return card;
  }

  document.querySelectorAll("a.chip, a.jump").forEach(function (link) {
    link.addEventListener("click", function () {
      var id = (link.getAttribute("href") || "").replace(/^#el-/, "");
      selectCard(id);
    });
  });

  // Opened from the index with #el-xxx: select that element, and in the two-column
  // layout scroll the text pane (only) to its first quote.
  var hash = decodeURIComponent(location.hash || "");
  if (hash.indexOf("#el-") === 0) {
    var card = selectCard(hash.slice(4));
    var pane = document.querySelector(".report");
    var first = card && marksOf(evidenceOf(card)[0] || "")[0];
    if (first && pane && pane.scrollHeight > pane.clientHeight && getComputedStyle(pane).overflowY !== "visible") {
      pane.scrollTop += first.getBoundingClientRect().top - pane.getBoundingClientRect().top - pane.clientHeight / 3;
    }
  }
})();
