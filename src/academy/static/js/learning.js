// Learning pages: the quiz timer and the hotspot click (both optional: the forms work without).

function countdown(el) {
  const deadline = Date.parse(el.dataset.deadline);
  if (Number.isNaN(deadline)) return;
  const tick = () => {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    const m = Math.floor(left / 60);
    const s = String(left % 60).padStart(2, "0");
    el.textContent = left > 0 ? `${m}:${s}` : "time is up";
    if (left > 0) setTimeout(tick, 1000);
  };
  tick();
}

function hotspot(box) {
  const svg = box.querySelector("svg[data-hotspot]");
  const x = box.querySelector("input[name=x]");
  const y = box.querySelector("input[name=y]");
  const status = box.querySelector("[data-hotspot-status]");
  const landmark = box.querySelector("select[name=landmark]");
  if (!svg || !x || !y) return;
  const ns = "http://www.w3.org/2000/svg";
  const marker = document.createElementNS(ns, "circle");
  marker.setAttribute("r", "2.5");
  marker.setAttribute("fill", "#0b5cad");
  marker.setAttribute("stroke", "#ffffff");
  marker.setAttribute("stroke-width", "0.8");
  const place = (px, py) => {
    marker.setAttribute("cx", px.toFixed(1));
    marker.setAttribute("cy", py.toFixed(1));
    if (!marker.isConnected) svg.appendChild(marker);
  };
  svg.addEventListener("click", (event) => {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const mm = point.matrixTransform(svg.getScreenCTM().inverse());
    x.value = mm.x.toFixed(1);
    y.value = mm.y.toFixed(1);
    if (landmark) landmark.value = "";
    place(mm.x, mm.y);
    if (status) status.textContent = `Point chosen: ${x.value}, ${y.value} mm.`;
  });
  const typed = () => {
    const px = Number.parseFloat(x.value);
    const py = Number.parseFloat(y.value);
    if (Number.isFinite(px) && Number.isFinite(py)) place(px, py);
  };
  x.addEventListener("change", typed);
  y.addEventListener("change", typed);
  typed();
}

document.querySelectorAll("time[data-deadline]").forEach(countdown);
document.querySelectorAll("[data-hotspot-field]").forEach(hotspot);
