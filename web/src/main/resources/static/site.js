// papersift: small progressive enhancements. Every page works without this file.
"use strict";
(function () {
  // "Copy BibTeX": the button is hidden in the HTML and shown only where copying works.
  if (navigator.clipboard) {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) {
        return;
      }
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = label; }, 2000);
        }, function () {
          button.textContent = "Copy failed; select the text instead";
        });
      });
    });
  }
})();
