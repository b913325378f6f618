// Mounts every plan canvas on the page (templates/simulator/_canvas.html).
import { mountPlanCanvas } from "./canvas.js";

for (const root of document.querySelectorAll("[data-sim-canvas]:not([data-sim-manual])")) {
  mountPlanCanvas(root).then((canvas) => {
    root.planCanvas = canvas;
    root.dispatchEvent(new CustomEvent("canvas-ready", { detail: { canvas } }));
  });
}
