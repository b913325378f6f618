// Result page: the model-answer overlay and the zones named by findings (no inline scripts).
const figure = document.querySelector("[data-sim-result]");
if (figure) {
  const layer = figure.querySelector("[data-model-answer]");
  const toggle = figure.querySelector("[data-model-toggle]");
  const key = figure.querySelector("[data-model-key]");
  if (layer && toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", () => {
      const show = layer.hasAttribute("hidden");
      if (show) layer.removeAttribute("hidden");
      else layer.setAttribute("hidden", "");
      toggle.setAttribute("aria-pressed", String(show));
      toggle.textContent = show ? "Hide the model answer" : "Show the model answer";
      if (key) key.hidden = !show;
    });
  }
  const zones = new Set([...document.querySelectorAll("[data-finding-zone]")].map((li) => li.dataset.findingZone).filter(Boolean));
  for (const node of figure.querySelectorAll(".zone-group[data-zone]")) {
    node.classList.toggle("is-hit", zones.has(node.getAttribute("data-zone")));
  }
}
