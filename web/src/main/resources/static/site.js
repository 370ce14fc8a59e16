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

// Subscribe form: the browser's time zone goes into the hidden detected_zone field (the server
// uses it when the zone select is left on "this browser's time zone") and is picked in the
// select when listed there. Without this script the zone is UTC unless the reader picks one.
(function () {
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {
    return;
  }
  if (!zone) {
    return;
  }
  document.querySelectorAll("input[data-detected-zone]").forEach(function (input) {
    input.value = zone;
    var select = input.form && input.form.elements.namedItem("zone");
    if (select && select.value === "") {
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === zone) {
          select.selectedIndex = i;
          break;
        }
      }
    }
  });
})();
