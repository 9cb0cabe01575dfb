// Wijkregie's own behaviour. No inline scripts anywhere (strict CSP); htmx does the rest.

// A table wider than the screen scrolls inside its wrapper. Keyboard users must be able to reach
// that scroll area, so an overflowing wrapper becomes a named, focusable region (WCAG 2.1.1).
function markScrollableTables() {
  document.querySelectorAll(".wr-table-wrap").forEach((wrap) => {
    if (wrap.scrollWidth > wrap.clientWidth) {
      const caption = wrap.querySelector("caption");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      if (caption && !wrap.hasAttribute("aria-label")) {
        wrap.setAttribute("aria-label", caption.textContent.trim());
      }
    } else if (wrap.getAttribute("tabindex") === "0") {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the first error summary so screen-reader users hear what went wrong.
  const alert = document.querySelector(".utrecht-alert--error");
  if (alert) {
    alert.setAttribute("tabindex", "-1");
    alert.focus();
  }
  markScrollableTables();
});
window.addEventListener("resize", markScrollableTables);
document.addEventListener("htmx:afterSwap", markScrollableTables);
