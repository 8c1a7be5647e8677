// Follow the background jobs of a case without ever making the page wait for them:
// poll the case's jobs.json while something runs, update the messages, reload when done.
(function () {
  "use strict";
  var jobs = document.getElementById("jobs");
  var rendering = document.getElementById("doc-progress");
  if (rendering) {
    // a document version being rendered: look again in a moment
    window.setTimeout(function () { window.location.reload(); }, 2000);
  }
  if (!jobs || !jobs.hasAttribute("data-active")) { return; }
  var url = jobs.getAttribute("data-url");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        data.jobs.forEach(function (job) {
          var box = jobs.querySelector('[data-job="' + job.id + '"]');
          if (!box) { return; }
          box.setAttribute("data-state", job.state);
          var progress = box.querySelector(".vp-job-progress");
          if (progress) { progress.textContent = job.state === "failed" ? job.error : (job.progress || "…"); }
        });
        if (data.active) { window.setTimeout(poll, 1500); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1500);
})();
