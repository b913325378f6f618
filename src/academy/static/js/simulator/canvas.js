// The plan canvas: draw thread-lift threads on a server-drawn face (SVG, viewBox in mm).
//
//   import { mountPlanCanvas } from "./canvas.js";
//   const canvas = await mountPlanCanvas(root, { mode: "form" });
//
// The root (rendered by templates/simulator/_canvas.html) carries data-face, data-view,
// data-indication, data-mode (learn | test | form), data-face-url (the face SVG),
// data-score-url (live scoring in learn mode), and two JSON blocks: products and the initial
// plan. On every change the plan JSON is written into the root's <input name="plan"> and a
// "plan-change" event (detail: {plan}) is dispatched on the root.
import { drawLayer, fitLabels, markZones, midline, svgPoint } from "./draw.js";
import { makeScorer, renderFindings, worstByThread } from "./feedback.js";
import { clone, fromPlan, mirrorThread, pathLength, round, segmentPlanes, toPlan } from "./plan.js";
import { makeZoom } from "./zoom.js";

function readJson(root, name) {
  const holder = root.querySelector(`[data-sim-json="${name}"] script, script[data-sim-json="${name}"]`);
  if (!holder) return null;
  try {
    return JSON.parse(holder.textContent);
  } catch {
    return null;
  }
}

export async function mountPlanCanvas(root, options = {}) {
  const cfg = { ...root.dataset, ...options };
  const mode = cfg.mode || "learn";
  const q = (sel) => root.querySelector(sel);
  const products = readJson(root, "products") || [];
  let threads = fromPlan(readJson(root, "plan"), products);
  const state = { thread: -1, point: -1, drawing: -1 };
  const undoStack = [];
  const redoStack = [];
  let severities = {};

  const stage = q("[data-sim=stage]");
  const text = await (await fetch(cfg.faceUrl, { credentials: "same-origin" })).text();
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = document.importNode(doc.documentElement, true);
  svg.classList.add("sim-svg");
  // The face holds the threads' points, each a button: a group of controls, not one image
  // (role="img" makes its children presentational: axe's nested-interactive).
  svg.setAttribute("role", "group");
  const loading = stage.querySelector("[data-sim=loading]");
  if (loading) loading.replaceWith(svg);
  else stage.replaceChildren(svg);
  const mid = midline(svg);

  // Zoom (buttons, pinch, Ctrl + wheel); zone names readable at every zoom, or hidden with a note.
  const zoomNote = q("[data-sim=zoom-note]");
  const zoom = makeZoom(svg, () => {
    fitView();
    drawLayer(svg, threads, state, severities);
  });
  function fitView() {
    const hidden = fitLabels(svg);
    if (zoomNote) zoomNote.hidden = !(hidden && svg.querySelector(".zone-labels text"));
    engage();
  }
  // A finger on the face scrolls the page, unless the face is in use: drawing, a thread
  // selected, or zoomed in (then a finger draws, drags or pans).
  function engage() {
    svg.classList.toggle("is-engaged", state.drawing >= 0 || state.thread >= 0 || zoom.level() > 1);
  }
  const focusPoint = () => threads[state.thread]?.points[state.point];

  const productSel = q("[data-sim-field=product]");
  const planeSel = q("[data-sim-field=plane]");
  const instrumentSel = q("[data-sim-field=instrument]");
  const gaugeSel = q("[data-sim-field=gauge]");
  const skinSel = q("[data-sim-field=entry-skin]");
  const segmentsBox = q("[data-sim=segments]");
  const status = q("[data-sim=status]");
  const list = q("[data-sim=threads]");
  const findings = q("[data-sim=findings]");
  const summary = q("[data-sim=summary]");
  const hidden = q("input[name=plan]");
  const xField = q("[data-sim-field=x]");
  const yField = q("[data-sim-field=y]");

  if (productSel && !productSel.options.length) {
    for (const p of products) productSel.add(new Option(p.label, p.id));
  }
  const productOf = (id) => products.find((p) => p.id === id) || products[0] || {};
  const plan = () => toPlan(threads, products, cfg.view, cfg.indication);
  // index of a thread in the written plan -> its index on the canvas (drafts are skipped)
  const canvasIndex = (planIndex) => threads.map((t, i) => [t, i]).filter(([t]) => t.points.length >= 2)[planIndex]?.[1] ?? planIndex;

  const scorer =
    mode === "learn" && cfg.scoreUrl
      ? makeScorer(cfg.scoreUrl, cfg.face, showScore, (message) => {
          if (summary) summary.textContent = message;
        })
      : null;

  function showScore(score) {
    const worst = worstByThread(score);
    severities = {};
    for (const [k, v] of Object.entries(worst)) severities[canvasIndex(Number(k))] = v;
    if (findings && summary) renderFindings(findings, summary, score, canvasIndex);
    markZones(svg, new Set(((score && score.findings) || []).filter((f) => f.zone).map((f) => f.zone)));
    drawLayer(svg, threads, state, severities);
  }

  function describe() {
    const t = threads[state.drawing >= 0 ? state.drawing : state.thread];
    if (!t) return `${threads.length} thread${threads.length === 1 ? "" : "s"}. Choose a product and a plane, then "New thread" and click the entry point.`;
    const i = threads.indexOf(t);
    const max = productOf(t.product).length_mm;
    const len = round(pathLength(t.points));
    const against = max ? ` of ${max} mm${len > max ? ": longer than the thread" : ""}` : "";
    const doing = state.drawing === i ? (t.points.length ? "Drawing" : "Click the entry point of") : "Selected";
    return `${doing} thread ${i + 1}: ${t.points.length} point${t.points.length === 1 ? "" : "s"}, path ${len} mm${against}.`;
  }

  function renderList() {
    if (!list) return;
    list.replaceChildren();
    threads.forEach((t, i) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.dataset.simSelect = String(i);
      button.textContent = `Thread ${i + 1}`;
      button.setAttribute("aria-pressed", String(i === state.thread));
      li.appendChild(button);
      const p = productOf(t.product);
      const len = round(pathLength(t.points));
      const over = p.length_mm && len > p.length_mm;
      const segs = segmentPlanes(t);
      const planes = (new Set(segs).size > 1 ? segs : [segs[0] || t.plane]).map(planeLabel).join(" → ");
      const tool = t.instrument ? `, ${t.instrument.kind}${t.instrument.gauge ? " " + t.instrument.gauge : ""}` : "";
      const skin = t.entry_skin ? `, entry ${t.entry_skin.replaceAll("_", "-")}` : "";
      li.appendChild(document.createTextNode(` ${p.label || t.product}, ${planes}${tool}${skin}, ${len} mm${p.length_mm ? ` / ${p.length_mm} mm` : ""}`));
      if (over) {
        const warn = document.createElement("strong");
        warn.className = "sim-over";
        warn.textContent = " (longer than the thread)";
        li.appendChild(warn);
      }
      list.appendChild(li);
    });
  }

  const PLANE_LABELS = planeSel ? [...planeSel.options].map((o) => [o.value, o.textContent]) : [];
  function planeLabel(plane) {
    const found = PLANE_LABELS.find(([value]) => value === plane);
    return found ? found[1] : plane.replace("_", "-");
  }

  // One plane select per segment of the selected thread (entry → point 1, …).
  function renderSegments() {
    if (!segmentsBox) return;
    const list = segmentsBox.querySelector("[data-sim=segment-list]") || segmentsBox;
    list.replaceChildren();
    const t = threads[state.thread];
    const segs = t ? segmentPlanes(t) : [];
    segmentsBox.hidden = segs.length === 0;
    segs.forEach((plane, k) => {
      const label = document.createElement("label");
      label.textContent = `Segment ${k + 1} (${k === 0 ? "entry" : "point " + k} → point ${k + 1}) `;
      const sel = document.createElement("select");
      sel.dataset.simSegment = String(k);
      for (const [value, text] of PLANE_LABELS) sel.add(new Option(text, value));
      sel.value = plane;
      label.appendChild(sel);
      list.appendChild(label);
    });
  }

  function changed({ rescore = true } = {}) {
    drawLayer(svg, threads, state, severities);
    engage();
    renderList();
    renderSegments();
    if (status) status.textContent = describe();
    const current = plan();
    if (hidden) hidden.value = JSON.stringify(current);
    const mirror = q("[data-sim-act=mirror]");
    if (mirror) mirror.disabled = cfg.view !== "frontal" || state.thread < 0;
    root.dispatchEvent(new CustomEvent("plan-change", { detail: { plan: current } }));
    if (rescore && scorer) scorer(current);
  }

  function remember() {
    undoStack.push(clone(threads));
    if (undoStack.length > 100) undoStack.shift();
    redoStack.length = 0;
  }

  function select(thread, point = -1) {
    state.thread = thread;
    state.point = point;
    const t = threads[thread];
    if (t) {
      if (productSel) productSel.value = t.product;
      if (planeSel) planeSel.value = t.plane;
      if (instrumentSel) instrumentSel.value = (t.instrument && t.instrument.kind) || "";
      if (gaugeSel) gaugeSel.value = (t.instrument && t.instrument.gauge) || "";
      if (skinSel) skinSel.value = t.entry_skin || "";
      const p = t.points[point];
      if (p && xField && yField) {
        xField.value = p[0];
        yField.value = p[1];
      }
    }
  }

  function addPoint(xy) {
    remember();
    if (state.drawing < 0) startThread();
    const t = threads[state.drawing];
    t.points.push(xy);
    select(state.drawing, t.points.length - 1);
    changed();
  }

  function instrumentOf() {
    if (!instrumentSel || !instrumentSel.value) return null;
    return { kind: instrumentSel.value, gauge: gaugeSel && gaugeSel.value ? gaugeSel.value : null };
  }

  function startThread() {
    threads.push({
      product: productSel ? productSel.value : products[0]?.id,
      plane: planeSel ? planeSel.value : "subcutaneous",
      planes: null,
      instrument: instrumentOf(),
      entry_skin: skinSel && skinSel.value ? skinSel.value : null,
      points: [],
    });
    state.drawing = threads.length - 1;
    select(state.drawing);
  }

  function finish() {
    if (state.drawing >= 0 && threads[state.drawing].points.length < 2) {
      threads.splice(state.drawing, 1);
      state.thread = -1;
    }
    state.drawing = -1;
  }

  function removePoint(i, j) {
    remember();
    threads[i].points.splice(j, 1);
    if (!threads[i].points.length) {
      threads.splice(i, 1);
      if (state.drawing === i) state.drawing = -1;
      select(-1);
    } else select(i, Math.min(j, threads[i].points.length - 1));
    changed();
  }

  const actions = {
    new() {
      finish();
      startThread();
      changed({ rescore: false });
    },
    finish() {
      finish();
      changed();
    },
    delete() {
      if (state.thread < 0) return;
      remember();
      threads.splice(state.thread, 1);
      state.drawing = -1;
      select(-1);
      changed();
    },
    mirror() {
      if (state.thread < 0 || cfg.view !== "frontal") return;
      remember();
      finish();
      threads.push(mirrorThread(threads[state.thread], mid));
      select(threads.length - 1);
      changed();
    },
    undo() {
      if (!undoStack.length) return;
      redoStack.push(clone(threads));
      threads = undoStack.pop();
      state.drawing = -1;
      select(-1);
      changed();
    },
    redo() {
      if (!redoStack.length) return;
      undoStack.push(clone(threads));
      threads = redoStack.pop();
      state.drawing = -1;
      select(-1);
      changed();
    },
    "add-point"() {
      const x = Number(xField.value);
      const y = Number(yField.value);
      if (xField.value === "" || yField.value === "" || !Number.isFinite(x) || !Number.isFinite(y)) {
        if (status) status.textContent = "Type both coordinates (x and y, in mm) as numbers.";
        return;
      }
      addPoint([round(x), round(y)]);
    },
    "zoom-in"() {
      zoom.by(1.5, focusPoint());
    },
    "zoom-out"() {
      zoom.by(1 / 1.5, focusPoint());
    },
    "zoom-fit"() {
      zoom.reset();
    },
    "move-point"() {
      const t = threads[state.thread];
      const x = Number(xField.value);
      const y = Number(yField.value);
      if (!t || state.point < 0 || !Number.isFinite(x) || !Number.isFinite(y) || xField.value === "" || yField.value === "") {
        if (status) status.textContent = "Select a point (click it or Tab to it) and type both coordinates.";
        return;
      }
      remember();
      t.points[state.point] = [round(x), round(y)];
      changed();
    },
  };

  root.addEventListener("click", (event) => {
    const act = event.target.closest("[data-sim-act]");
    if (act && root.contains(act)) {
      event.preventDefault();
      actions[act.dataset.simAct]?.();
      return;
    }
    const pick = event.target.closest("[data-sim-select]");
    if (pick) {
      finish();
      select(Number(pick.dataset.simSelect), 0);
      changed({ rescore: false });
    }
  });

  // The tools edit the selected thread: the plane select sets every segment's plane.
  const edits = [
    [productSel, (t) => (t.product = productSel.value)],
    [planeSel, (t) => ((t.plane = planeSel.value), (t.planes = null))],
    [instrumentSel, (t) => (t.instrument = instrumentOf())],
    [gaugeSel, (t) => (t.instrument = instrumentOf())],
    [skinSel, (t) => (t.entry_skin = skinSel.value || null)],
  ];
  for (const [sel, edit] of edits) {
    sel?.addEventListener("change", () => {
      const t = threads[state.thread];
      if (!t) return;
      remember();
      edit(t);
      changed();
    });
  }
  segmentsBox?.addEventListener("change", (event) => {
    const sel = event.target.closest("[data-sim-segment]");
    const t = threads[state.thread];
    if (!sel || !t) return;
    remember();
    const segs = segmentPlanes(t);
    segs[Number(sel.dataset.simSegment)] = sel.value;
    t.planes = segs;
    changed();
  });

  // Pointer (mouse, pen or finger): a tap or click on the face adds a point while drawing; a
  // point is dragged to move it; when zoomed in, dragging the face pans it; two fingers pinch
  // to zoom. A tap within a finger's reach of a point (not on it) still adds a point.
  const pointers = new Map();
  let gesture = null;
  const TAP_SLOP = 6; // px a finger may wander in a tap
  const at = (event) => [event.clientX, event.clientY];
  const far = (a, b, px) => Math.hypot(a[0] - b[0], a[1] - b[1]) > px;

  svg.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    pointers.set(event.pointerId, at(event));
    svg.setPointerCapture?.(event.pointerId);
    if (pointers.size === 2) {
      if (gesture?.kind === "drag" && gesture.moved) {
        threads = gesture.before; // a second finger turns the drag into a pinch
        drawLayer(svg, threads, state, severities);
      }
      gesture = { kind: "pinch" };
      zoom.pinchStart(...pointers.values());
      return;
    }
    if (pointers.size > 2) return;
    const target = event.target.closest(".sim-handle, .sim-hit");
    if (target) {
      event.preventDefault();
      const i = Number(target.dataset.thread);
      const j = Number(target.dataset.point);
      gesture = { kind: "drag", i, j, start: at(event), moved: false, onPoint: target.classList.contains("sim-handle"), before: clone(threads) };
      select(i, j);
    } else {
      gesture = { kind: "tap", start: at(event) };
    }
  });
  svg.addEventListener("pointermove", (event) => {
    if (!pointers.has(event.pointerId) || !gesture) return;
    const last = pointers.get(event.pointerId);
    pointers.set(event.pointerId, at(event));
    if (gesture.kind === "pinch") {
      if (pointers.size === 2) zoom.pinchMove(...pointers.values());
      return;
    }
    if (gesture.kind === "drag") {
      if (!gesture.moved && !far(gesture.start, at(event), event.pointerType === "mouse" ? 0 : 2)) return;
      gesture.moved = true;
      threads[gesture.i].points[gesture.j] = svgPoint(svg, event);
      drawLayer(svg, threads, state, severities);
      if (status) status.textContent = describe();
      return;
    }
    if (gesture.kind === "tap" && zoom.level() > 1 && far(gesture.start, at(event), TAP_SLOP)) gesture.kind = "pan";
    if (gesture.kind === "pan") zoom.panBy(event.clientX - last[0], event.clientY - last[1]);
  });
  function release(event) {
    if (!pointers.delete(event.pointerId) || !gesture) return;
    const done = gesture;
    if (done.kind === "pinch") {
      if (pointers.size === 0) {
        zoom.pinchEnd();
        gesture = null;
      }
      return; // the finger left on the glass does nothing until lifted
    }
    gesture = null;
    const tapped = event.type === "pointerup" && state.drawing >= 0;
    if (done.kind === "drag") {
      if (done.moved) {
        undoStack.push(done.before);
        redoStack.length = 0;
        select(done.i, done.j);
      } else if (!done.onPoint && tapped) {
        addPoint(svgPoint(svg, event)); // near a point, not on it: a new point
        return;
      }
      changed({ rescore: true });
      return;
    }
    if (done.kind === "tap" && tapped) addPoint(svgPoint(svg, event));
  }
  svg.addEventListener("pointerup", release);
  svg.addEventListener("pointercancel", release);
  // A trackpad pinch (or Ctrl + wheel) zooms about the pointer.
  svg.addEventListener(
    "wheel",
    (event) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      zoom.by(Math.exp(-event.deltaY / 200), svgPoint(svg, event));
    },
    { passive: false },
  );

  root.addEventListener("keydown", (event) => {
    const handle = event.target.closest?.(".sim-handle");
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === "z") {
      event.preventDefault();
      (event.shiftKey ? actions.redo : actions.undo)();
      return;
    }
    if (!handle) return;
    const i = Number(handle.dataset.thread);
    const j = Number(handle.dataset.point);
    const step = event.shiftKey ? 5 : 1;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[event.key]) {
      event.preventDefault();
      remember();
      const p = threads[i].points[j];
      threads[i].points[j] = [round(p[0] + moves[event.key][0]), round(p[1] + moves[event.key][1])];
      select(i, j);
      changed();
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      removePoint(i, j);
    } else return;
    root.querySelector(`.sim-handle[data-thread="${i}"][data-point="${Math.min(j, (threads[i]?.points.length || 1) - 1)}"]`)?.focus();
  });

  new ResizeObserver(() => {
    fitView();
    drawLayer(svg, threads, state, severities);
  }).observe(svg);
  root.classList.add("is-ready");
  changed();
  fitView();
  return {
    getPlan: plan,
    setPlan(next) {
      remember();
      threads = fromPlan(next, products);
      state.drawing = -1;
      select(-1);
      changed();
    },
    showScore,
    svg,
  };
}
