// Wijkregie's own behaviour. No inline scripts anywhere (strict CSP); htmx does the rest.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the first error summary so screen-reader users hear what went wrong.
  const alert = document.querySelector(".utrecht-alert--error");
  if (alert) {
    alert.setAttribute("tabindex", "-1");
    alert.focus();
  }
});
