// Draws the learner's threads as an SVG layer over the server-drawn face.
const NS = "http://www.w3.org/2000/svg";

function el(name, attrs) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

export function svgPoint(svg, event) {
  const pt = svg.createSVGPoint();
  pt.x = event.clientX;
  pt.y = event.clientY;
  const ctm = svg.getScreenCTM();
  if (!ctm) return [0, 0];
  const p = pt.matrixTransform(ctm.inverse());
  return [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10];
}

// The face's midline x (the nasion's landmark dot), for mirroring a thread to the other side.
export function midline(svg) {
  const nasion = svg.querySelector('[data-landmark="nasion"]');
  return nasion ? Number(nasion.getAttribute("cx")) : 0;
}

// Screen pixels per face millimetre (null while the drawing is not laid out).
export function pxPerMm(svg) {
  const ctm = svg.getScreenCTM();
  return ctm && ctm.a ? Math.hypot(ctm.a, ctm.b) : null;
}

// A point is drawn at least HANDLE_PX in radius on the screen and can be caught by a finger
// within TOUCH_PX of its centre (a 24 px target, WCAG 2.5.8), at any zoom.
const HANDLE_PX = 5;
const TOUCH_PX = 12;

// Zone names are drawn READABLE_PX tall on the screen at least, by growing them up to
// LABEL_GROWTH times their size on the face (more would cover the face); when even that is too
// small they are hidden (class sim-labels-hidden) and the caller says to zoom in.
const READABLE_PX = 10;
const LABEL_GROWTH = 1.8;

export function fitLabels(svg) {
  const s = pxPerMm(svg);
  const text = svg.querySelector(".zone-label text, .sim-thread-label");
  const size = Number(text?.getAttribute("font-size")) || 2.8;
  const grow = s ? Math.max(1, READABLE_PX / (size * s)) : 1;
  svg.style.setProperty("--sim-label-scale", String(Math.ceil(Math.min(grow, LABEL_GROWTH) * 1000) / 1000));
  const hidden = grow > LABEL_GROWTH;
  svg.classList.toggle("sim-labels-hidden", hidden);
  return hidden;
}

export function drawLayer(svg, threads, state, severities) {
  const s = pxPerMm(svg);
  const atLeast = (mm, px) => (s ? Math.max(mm, px / s) : mm);
  let layer = svg.querySelector("g.sim-layer");
  if (!layer) {
    layer = el("g", { class: "sim-layer" });
    svg.appendChild(layer);
  }
  // the finger-sized targets lie under every drawn thread, so a point drawn is caught first
  const hits = el("g", { class: "sim-hits", "aria-hidden": "true" });
  layer.replaceChildren(hits);
  threads.forEach((thread, i) => {
    const group = el("g", {
      class: "sim-thread-group",
      "data-thread": i,
      "data-severity": severities[i] || "none",
    });
    if (i === state.thread) group.classList.add("is-selected");
    if (i === state.drawing) group.classList.add("is-drawing");
    const segs = thread.points.slice(1).map((_, k) => (thread.planes && thread.planes[k]) || thread.plane);
    if (thread.points.length > 1 && new Set(segs).size > 1) {
      // a plane per segment: each segment drawn on its own, deep ones wider (CSS data-plane)
      segs.forEach((plane, k) => {
        const [a, b] = [thread.points[k], thread.points[k + 1]];
        group.appendChild(el("path", { class: "sim-thread", "data-plane": plane, d: `M${a[0]},${a[1]} L${b[0]},${b[1]}` }));
      });
    } else if (thread.points.length > 1) {
      const d = "M" + thread.points.map((p) => `${p[0]},${p[1]}`).join(" L");
      group.appendChild(el("path", { class: "sim-thread", "data-plane": thread.plane, d }));
    }
    thread.points.forEach((p, j) => {
      const r = atLeast(j === 0 ? 2.6 : 2.1, HANDLE_PX);
      hits.appendChild(el("circle", { class: "sim-hit", cx: p[0], cy: p[1], r: atLeast(r, TOUCH_PX), "data-thread": i, "data-point": j }));
      const handle = el("circle", {
        class: j === 0 ? "sim-handle sim-entry" : "sim-handle",
        cx: p[0],
        cy: p[1],
        r,
        tabindex: 0,
        role: "button",
        "data-thread": i,
        "data-point": j,
        "aria-label": `Thread ${i + 1}, ${j === 0 ? "entry" : "point " + j} at x ${p[0]}, y ${p[1]} mm. Arrow keys move it, Delete removes it.`,
      });
      if (i === state.thread && j === state.point) handle.classList.add("is-selected");
      group.appendChild(handle);
    });
    const [ex, ey] = thread.points[0] || [0, 0];
    const label = el("text", { class: "sim-thread-label", x: ex + 3, y: ey - 3 });
    label.textContent = String(i + 1);
    group.appendChild(label);
    layer.appendChild(group);
  });
}

// Mark the zones that findings name (learn mode and results).
export function markZones(svg, zones) {
  for (const node of svg.querySelectorAll(".zone-group[data-zone]")) {
    node.classList.toggle("is-hit", zones.has(node.getAttribute("data-zone")));
  }
}
