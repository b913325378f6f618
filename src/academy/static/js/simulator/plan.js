// The canvas's threads and the plan JSON of the contract (DESIGN.md).
// A thread here is {product: <product id>, plane, planes, instrument, entry_skin,
// points: [[x, y], …]} in face millimetres; points[0] is the entry, the rest the path.
// `planes` (null or one plane per segment, entry→point 1 first) overrides `plane` segment by
// segment; `instrument` is null or {kind: "needle"|"cannula", gauge: "23G"|null}; `entry_skin`
// is null, "hair_bearing" or "non_hair_bearing". Only threads with an entry and one more point
// are written into the plan (the contract needs a non-empty path).

export const round = (v) => Math.round(v * 10) / 10;

export function pathLength(points) {
  let total = 0;
  for (let i = 1; i < points.length; i += 1) {
    total += Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
  }
  return total;
}

export function productKey(value) {
  return typeof value === "string" ? value : JSON.stringify(value);
}

// The plane of each of a thread's segments (its `plane` where `planes` says nothing).
export function segmentPlanes(t) {
  const n = Math.max(t.points.length - 1, 0);
  return Array.from({ length: n }, (_, k) => (t.planes && t.planes[k]) || t.plane);
}

export function toPlan(threads, products, view, indication) {
  const byId = new Map(products.map((p) => [p.id, p]));
  return {
    view,
    indication,
    threads: threads
      .filter((t) => t.points.length >= 2)
      .map((t) => {
        const segs = segmentPlanes(t);
        const out = {
          product: (byId.get(t.product) || products[0] || { value: t.product }).value,
          entry: t.points[0].map(round),
          path: t.points.slice(1).map((p) => p.map(round)),
          // with planes, plane is the last segment's (the contract's rule)
          plane: segs[segs.length - 1],
        };
        if (new Set(segs).size > 1) out.planes = segs;
        if (t.instrument && t.instrument.kind) {
          out.instrument = { kind: t.instrument.kind };
          if (t.instrument.gauge) out.instrument.gauge = t.instrument.gauge;
        }
        if (t.entry_skin) out.entry_skin = t.entry_skin;
        return out;
      }),
  };
}

// A plan in the contract's JSON with [x, y] points (the server resolves anchored points
// before it hands a plan to the canvas). Unknown products are added to `products`.
export function fromPlan(plan, products) {
  if (!plan || !Array.isArray(plan.threads)) return [];
  const keys = new Map(products.map((p) => [productKey(p.value), p.id]));
  return plan.threads
    .filter((t) => Array.isArray(t.entry) && Array.isArray(t.path))
    .map((t, i) => {
      const key = productKey(t.product);
      if (!keys.has(key)) {
        const id = `planned-${i}`;
        products.push({ id, label: `As planned (${typeof t.product === "string" ? t.product : "thread " + (i + 1)})`, length_mm: t.product.length_mm || null, value: t.product });
        keys.set(key, id);
      }
      const planes = Array.isArray(t.planes) ? [...t.planes] : null;
      return {
        product: keys.get(key),
        plane: t.plane || (planes && planes[planes.length - 1]) || "subcutaneous",
        planes,
        instrument: t.instrument && t.instrument.kind ? { kind: t.instrument.kind, gauge: t.instrument.gauge || null } : null,
        entry_skin: t.entry_skin || null,
        points: [t.entry, ...t.path].map((p) => [Number(p[0]), Number(p[1])]),
      };
    });
}

export function mirrorThread(thread, midline) {
  return {
    ...copyThread(thread),
    points: thread.points.map(([x, y]) => [round(2 * midline - x), y]),
  };
}

function copyThread(t) {
  return {
    ...t,
    planes: t.planes ? [...t.planes] : null,
    instrument: t.instrument ? { ...t.instrument } : null,
    points: t.points.map((p) => [...p]),
  };
}

export function clone(threads) {
  return threads.map(copyThread);
}
