// Zoom and pan for the face drawing, by changing the SVG's viewBox (so every point the canvas
// reads through getScreenCTM stays in face millimetres, whatever the zoom).
//
//   const zoom = makeZoom(svg, () => redraw());
//   zoom.by(1.5, [x, y]);       // zoom in, keeping face point (x, y) mm where it is on screen
//   zoom.panBy(dx, dy);         // move the drawing by (dx, dy) screen pixels
//   zoom.pinchStart(a, b); zoom.pinchMove(a, b);  // two fingers, screen [x, y] each
//
// The view never leaves the face's own viewBox and keeps its aspect ratio, so the drawing
// keeps its size on the page; zoom runs from 1 (the whole face) to MAX_ZOOM.
export const MAX_ZOOM = 6;

const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);

export function makeZoom(svg, onChange) {
  const box = svg.viewBox.baseVal;
  const whole = { x: box.x, y: box.y, w: box.width, h: box.height };
  let view = { ...whole };
  let pinch = null;

  function apply() {
    view.w = clamp(view.w, whole.w / MAX_ZOOM, whole.w);
    view.h = (view.w * whole.h) / whole.w;
    view.x = clamp(view.x, whole.x, whole.x + whole.w - view.w);
    view.y = clamp(view.y, whole.y, whole.y + whole.h - view.h);
    svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  }

  // face millimetres under a screen point
  function toFace([cx, cy]) {
    const ctm = svg.getScreenCTM();
    if (!ctm) return [view.x + view.w / 2, view.y + view.h / 2];
    const p = new DOMPoint(cx, cy).matrixTransform(ctm.inverse());
    return [p.x, p.y];
  }

  function centre() {
    return [view.x + view.w / 2, view.y + view.h / 2];
  }

  // Zoom by `factor` about face point `at` (mm), which stays where it is on the screen.
  function by(factor, at = centre()) {
    const w = clamp(view.w / factor, whole.w / MAX_ZOOM, whole.w);
    const k = w / view.w;
    view = { x: at[0] - (at[0] - view.x) * k, y: at[1] - (at[1] - view.y) * k, w, h: view.h * k };
    apply();
    onChange();
  }

  function panBy(dx, dy) {
    const s = pxPerMm();
    view.x -= dx / s;
    view.y -= dy / s;
    apply();
    onChange();
  }

  function reset() {
    view = { ...whole };
    apply();
    onChange();
  }

  // Screen pixels per face millimetre at the current zoom and page layout.
  function pxPerMm() {
    const ctm = svg.getScreenCTM();
    return ctm ? Math.hypot(ctm.a, ctm.b) : 1;
  }

  const mid = (a, b) => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]) || 1;

  function pinchStart(a, b) {
    pinch = { face: toFace(mid(a, b)), dist: dist(a, b), w: view.w };
  }

  // The face point first under the fingers' midpoint follows it; the spread sets the zoom.
  function pinchMove(a, b) {
    if (!pinch) return;
    view.w = pinch.w / (dist(a, b) / pinch.dist);
    apply();
    const now = toFace(mid(a, b));
    view.x += pinch.face[0] - now[0];
    view.y += pinch.face[1] - now[1];
    apply();
    onChange();
  }

  return {
    by,
    panBy,
    reset,
    pxPerMm,
    pinchStart,
    pinchMove,
    pinchEnd: () => (pinch = null),
    level: () => whole.w / view.w,
  };
}
