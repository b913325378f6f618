// Clinical toolkit: a print button for the printable pages (no inline scripts: CSP).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
}
