// The analyst pages' behaviour: hovering (or focusing) a fact highlights its span and back;
// reviews are sent with the reader's token in a header (never in a form field a site could forge).
(function () {
  "use strict";
  function idsOf(el) { return (el.getAttribute("data-fact") || "").split(" ").filter(Boolean); }
  function toggle(el, on) {
    idsOf(el).forEach(function (id) {
      document.querySelectorAll("[data-fact]").forEach(function (other) {
        if (idsOf(other).indexOf(id) >= 0) { other.classList.toggle("hl", on); }
      });
    });
  }
  document.querySelectorAll("mark[data-fact], .fact-list li[data-fact]").forEach(function (el) {
    ["mouseenter", "focus"].forEach(function (e) { el.addEventListener(e, function () { toggle(el, true); }); });
    ["mouseleave", "blur"].forEach(function (e) { el.addEventListener(e, function () { toggle(el, false); }); });
  });

  var token = document.getElementById("review-token");
  if (token) { token.value = sessionStorage.getItem("newsmetrics-review-token") || ""; }
  document.querySelectorAll("form[data-review]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var out = form.querySelector("output");
      var body = { fact_id: form.getAttribute("data-review"),
                   verdict: form.querySelector("input[name=verdict]:checked").value,
                   reason: form.elements.reason.value };
      var corrected = form.elements.corrected.value.trim();
      if (corrected) {
        try { body.corrected = JSON.parse(corrected); } catch (e) { out.textContent = "corrected is not JSON"; return; }
      }
      sessionStorage.setItem("newsmetrics-review-token", token ? token.value : "");
      fetch("/reviews", { method: "POST", body: JSON.stringify(body),
                          headers: { "Content-Type": "application/json", "X-Review-Token": token ? token.value : "" } })
        .then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); })
        .then(function (res) {
          if (res[0] === 201) { out.textContent = "saved"; window.location.reload(); }
          else { out.textContent = res[1].error || ("refused: " + res[0]); }
        });
    });
  });
})();
