// Cookie banner and booking-form acknowledgement (no tracking is actually performed).
(function () {
  var banner = document.getElementById("cookie-banner");
  if (banner) {
    try {
      if (window.localStorage.getItem("vd-cookies") === "ok") { banner.hidden = true; }
    } catch (e) { /* storage may be disabled */ }
    var accept = document.getElementById("cookie-accept");
    if (accept) {
      accept.addEventListener("click", function () {
        banner.hidden = true;
        try { window.localStorage.setItem("vd-cookies", "ok"); } catch (e) { /* ignore */ }
      });
    }
  }
})();

function vitadendraFormSent(form) {
  var note = document.createElement("p");
  note.className = "form-sent";
  note.textContent = form.getAttribute("data-sent") || "OK";
  form.appendChild(note);
  return false;
}
