// The upload page: drop or choose a file and it is sent at once; progress shows while it scores.
// The form works without this script (choose a file, press 开始评分); the script adds the
// drop zone, the early size check and the progress line.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var input = document.getElementById("file");
  var drop = document.getElementById("drop");
  var error = document.getElementById("error");
  var progress = document.getElementById("progress");
  var progressName = document.getElementById("progress-name");
  var progressText = document.getElementById("progress-text");
  var maxBytes = Number(form.getAttribute("data-max-bytes"));
  var timer = null;

  function showError(line) {
    error.textContent = line;
    error.hidden = false;
  }

  function reset() {
    if (timer) { clearInterval(timer); timer = null; }
    form.classList.remove("sending");
    progress.hidden = true;
  }

  function send(file) {
    error.hidden = true;
    if (file.size > maxBytes) {
      // The same line the server would answer with, before a large file is uploaded for nothing.
      showError(form.getAttribute("data-too-big").replace("{name}", file.name).replace("{size}", (file.size / 1048576).toFixed(1)));
      input.value = "";
      return;
    }
    var started = Date.now();
    progressName.textContent = file.name;
    progressText.textContent = "正在上传并评分…";
    progress.hidden = false;
    form.classList.add("sending");
    timer = setInterval(function () {
      progressText.textContent = "正在上传并评分… 已用 " + Math.round((Date.now() - started) / 1000) + " 秒";
    }, 1000);
    form.submit();
  }

  input.addEventListener("change", function () {
    if (input.files && input.files.length) send(input.files[0]);
  });

  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (event) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      drop.classList.add("over");
    });
  });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    drop.classList.remove("over");
    var files = event.dataTransfer.files;
    if (!files || !files.length) return;
    input.files = files;  // a second file is ignored: one report per request
    send(files[0]);
  });
  // A file dropped beside the zone must not make the browser open it in place of the page.
  window.addEventListener("dragover", function (event) { event.preventDefault(); });
  window.addEventListener("drop", function (event) { event.preventDefault(); });

  // Back from the scorecard: the page may come from the browser's cache mid-send.
  window.addEventListener("pageshow", reset);
})();
